import Foundation
import Routing
import Testing

@Suite("Reporting unusable EndpointSlices, Pods and Services")
struct KubernetesEndpointsErrorTests {
    /// An EndpointSlice of Service web in namespace shop with `addressType` IPv4, the given `addresses` and `fields`.
    private static func slice(addresses: String = "[10.1.9.7]", labels: String = "{kubernetes.io/service-name: web}", _ fields: String = "") -> String {
        """
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: web-abcde, namespace: shop, labels: \(labels)}
        addressType: IPv4
        endpoints: [{addresses: \(addresses), conditions: {ready: true}}]
        \(fields)
        """
    }

    /// The error reading `text` as a route source reports.
    private func error(reading text: String, source: String = "routes.yaml") throws -> RouteConfigError {
        try #require(throws: RouteConfigError.self) { try documentTable(text, source: source) }
    }

    /// A Pod named web-0 with the given `labels` and `status`.
    private static func pod(labels: String = "{app: web}", status: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: shop, labels: \(labels)}
        status: \(status)
        """
    }

    @Test(
        "an address that is not one of the slice's type is reported at the address",
        arguments: [("[10.1.9.7, 10.1.9.300]", "10.1.9.300"), ("[10.1.9.7, web-0.web]", "web-0.web"), (#"[10.1.9.7, "fd00::7"]"#, "fd00::7")]
    )
    func badAddress(addresses: String, bad: String) throws {
        let error = try error(reading: Self.slice(addresses: addresses), source: "endpointslices.yaml")

        #expect(error.description == "endpointslices.yaml: document 1: endpoints[0].addresses[1]: address must be an IPv4 address such as "
            + "10.44.1.20, as the slice's addressType says, found \"\(bad)\"")
    }

    @Test("a slice without the kubernetes.io/service-name label is reported at its labels")
    func missingServiceName() throws {
        let error = try error(reading: Self.slice(labels: "{app: web}"))

        #expect(error.location == .document(1, path: "metadata.labels"))
        #expect(error.problem.hasPrefix("an EndpointSlice needs the label kubernetes.io/service-name naming the Service it belongs to"))
    }

    @Test("an addressType other than IPv4, IPv6 and FQDN is reported at the addressType")
    func badAddressType() throws {
        let error = try error(reading: Self.slice().replacingOccurrences(of: "addressType: IPv4", with: "addressType: IP"))

        #expect(error.location == .document(1, path: "addressType"))
        #expect(error.problem == #"addressType must be IPv4, IPv6 or FQDN, found "IP""#)
    }

    @Test("an endpoint without addresses is reported at its addresses", arguments: ["[]", "null"])
    func noAddresses(addresses: String) throws {
        let error = try error(reading: Self.slice(addresses: addresses))

        #expect(error.location == .document(1, path: "endpoints[0].addresses"))
    }

    @Test("a port out of range is reported at the port")
    func badPort() throws {
        let error = try error(reading: Self.slice("ports: [{name: http, port: 80800, protocol: TCP}]"))

        #expect(error.location == .document(1, path: "ports[0].port"))
        #expect(error.problem == "port must be an integer 1…65535, found 80800")
    }

    @Test("in kubectl get -o json output, a bad slice inside the List is reported at its JSON path")
    func badSliceInJSONList() throws {
        let error = try error(reading: #"""
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv6",
               "metadata": {"name": "web-abcde", "labels": {"kubernetes.io/service-name": "web"}},
               "endpoints": [{"addresses": ["10.1.9.7"]}]}]}
            """#, source: "endpointslices.json")

        #expect(error.location == .jsonPath("$.items[0].endpoints[0].addresses[0]"))
        #expect(error.problem.hasPrefix("address must be an IPv6 address"))
    }

    @Test("a Pod whose podIP is not an address is reported at status.podIP")
    func badPodIP() throws {
        let error = try error(reading: Self.pod(status: "{podIP: 10.1.9, phase: Running}"))

        #expect(error.location == .document(1, path: "status.podIP"))
        #expect(error.problem == #"address must be an IPv4 or IPv6 address such as 10.44.1.20 or fd00::7, found "10.1.9""#)
    }

    @Test("a Pod label that is not a string is reported at the label")
    func badPodLabel() throws {
        let error = try error(reading: Self.pod(labels: "{app: web, version: 2}", status: "{podIP: 10.1.9.7}"))

        #expect(error.location == .document(1, path: "metadata.labels.version"))
    }

    @Test("a Service cluster IP that is not an address is reported at the cluster IP")
    func badClusterIP() throws {
        let error = try error(reading: """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1, "fd00:::1"], ports: [{port: 80}]}
            """)

        #expect(error.location == .document(1, path: "spec.clusterIPs[1]"))
    }

    /// bookinfo's reviews route, its DestinationRule, and a slice of reviews; `pods` are documents appended after them.
    private static func reviews(withDestinationRule: Bool = true, pods: String = "") throws -> String {
        let fixture = try String(contentsOf: fixtureURL("istio-reviews.yaml"), encoding: .utf8)
        let separator = try #require(fixture.range(of: "\n---\n"))
        let routes = withDestinationRule ? fixture : String(fixture[..<separator.lowerBound])
        return routes + """

            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: reviews-abcde, labels: {kubernetes.io/service-name: reviews}}
            addressType: IPv4
            endpoints:
            - {addresses: [10.244.1.12], targetRef: {kind: Pod, name: reviews-v1-0}}
            - {addresses: [10.244.1.13], targetRef: {kind: Pod, name: reviews-v2-0}}
            \(pods)
            """
    }

    @Test("a subset whose Service has slices but none of whose Pods was read is reported at the route, saying to read the Pods")
    func subsetWithoutPods() throws {
        let error = try error(reading: try Self.reviews(), source: "bookinfo.yaml")

        #expect(error.source == "bookinfo.yaml")
        #expect(error.location == .jsonPath("document 1: spec.http[0]"))
        #expect(error.problem.hasPrefix("target reviews/v1 is subset v1 of Service default/reviews, which selects pods labelled version=v1"))
        #expect(error.problem.hasSuffix("kubectl get endpointslices,pods -o yaml"))
    }

    @Test("a subset whose Service has slices but whose DestinationRule was not read is reported at the route")
    func subsetWithoutDestinationRule() throws {
        let error = try error(reading: try Self.reviews(withDestinationRule: false))

        #expect(error.problem.contains("no DestinationRule defining the subset was read"))
    }

    @Test("a subset whose Service has an endpoint whose Pod was not read is reported at the route, not left without a target")
    func subsetWithSomePods() throws {
        let error = try error(reading: try Self.reviews(pods: """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-v1-0, labels: {app: reviews, version: v1}}
            status: {podIP: 10.244.1.12}
            """))

        #expect(error.location == .jsonPath("document 1: spec.http[0]"))
        #expect(error.problem.contains("the Pod of an endpoint of the Service was not read"))
    }
}

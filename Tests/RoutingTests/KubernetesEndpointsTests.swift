import Foundation
import Routing
import Testing

@Suite("EndpointSlices, Pods and Services as host maps of route targets")
struct KubernetesEndpointsTests {
    /// The targets `hosts` stand for in the route of `routeFixture` named `route`, read with the endpoint dump `dump`.
    private func targets(of route: String, in routeFixture: String, with dump: String, hosts: [String]) throws -> [String?] {
        let table = try RouteTable(documents: [(try Data(contentsOf: fixtureURL(routeFixture)), routeFixture), (Data(dump.utf8), "dump.yaml")])
        let route = try #require(table.route(named: route))
        return hosts.map { route.target(forUpstreamHost: $0)?.name }
    }

    @Test("a Gateway API backendRef takes the addresses and container port of its Service's slices")
    func gatewayAPIBackends() throws {
        let route = try #require(try fixtureTable(["gateway-api-httproute.yaml", "gateway-api-foo-endpointslices.json"]).routes.first)

        let hosts = ["10.244.1.21:3000", "10.244.2.22:3000", "10.244.1.23:3000", "10.244.1.23:8080", "10.244.1.99:3000"]
        #expect(hosts.map { route.target(forUpstreamHost: $0)?.name } == ["foo-v1", "foo-v1", "foo-v2", nil, nil])
    }

    @Test("an Istio subset takes the endpoints whose Pods carry the subset's labels, not the Service's cluster IP")
    func istioSubsets() throws {
        let route = try #require(try fixtureTable(["istio-reviews.yaml", "istio-bookinfo-endpoints.yaml"]).routes.first)

        let hosts = ["10.244.1.12:9080", "10.244.2.15:9080", "10.244.1.13:9080", "10.244.2.16:9080", "10.96.142.17:9080"]
        #expect(hosts.map { route.target(forUpstreamHost: $0)?.name } == ["reviews/v1", "reviews/v1", "reviews/v2", nil, nil])
    }

    @Test("an App Mesh virtual node takes the cluster IP and endpoints of the Service its DNS hostname names")
    func appMeshVirtualNodes() throws {
        let table = try fixtureTable(["appmesh-k8s-color.yaml", "appmesh-k8s-color-endpoints.yaml"])
        let route = try #require(table.route(named: "color-gateway-route_howto-k8s"))

        let hosts = ["10.100.34.12:8080", "192.168.40.7:8080", "10.100.71.201:8080", "192.168.25.90:8080", "10.100.71.201:9090"]
        #expect(hosts.map { route.target(forUpstreamHost: $0)?.name } == ["blue_howto-k8s", "blue_howto-k8s", "green_howto-k8s", "green_howto-k8s", nil])
    }

    @Test("every route fixture and endpoint dump read as one set gives each platform's targets their hosts")
    func allFixturesTogether() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtureURL("").path).sorted()
        let table = try fixtureTable(names)

        #expect(table.route(named: "httproute/default/foo-route/rule/0")?.target(forUpstreamHost: "10.244.1.23:3000")?.name == "foo-v2")
        #expect(table.route(named: "virtualservice/default/reviews/http/0")?.target(forUpstreamHost: "10.244.1.13:9080")?.name == "reviews/v2")
        #expect(table.route(named: "color-route")?.target(forUpstreamHost: "192.168.25.90:8080")?.name == "green_howto-k8s")
    }

    @Test("a RouteLens target's service adds its slices' hosts to the hosts it lists; a slice without ports matches any port")
    func routeLensService() throws {
        let table = try documentTable("""
            apiVersion: routelens.io/v1
            kind: Routes
            metadata: {name: shop, namespace: shop}
            spec:
              routes:
              - name: search
                targets:
                  search-v1: {service: search-v1, hosts: ["10.1.2.0/24"]}
                  search-v2: {service: search-v2.shop.svc.cluster.local}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: search-v1-abcde, namespace: shop, labels: {kubernetes.io/service-name: search-v1}}
            addressType: IPv4
            ports: [{name: http, port: 8080}]
            endpoints: [{addresses: [10.1.9.7]}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: search-v2-fghij, namespace: shop, labels: {kubernetes.io/service-name: search-v2}}
            addressType: IPv4
            endpoints: [{addresses: [10.1.9.8]}]
            """)
        let route = try #require(table.route(named: "search"))

        let hosts = ["10.1.2.40:8080", "10.1.9.7:8080", "10.1.9.7:9090", "10.1.9.8:9090"]
        #expect(hosts.map { route.target(forUpstreamHost: $0)?.name } == ["search-v1", "search-v1", nil, "search-v2"])
    }

    @Test("the slices of one Service are joined, IPv4 and IPv6 alike")
    func slicesJoined() throws {
        let hosts = try targets(of: "httproute/default/foo-route/rule/0", in: "gateway-api-httproute.yaml", with: """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: foo-v2-1, labels: {kubernetes.io/service-name: foo-v2}}
            addressType: IPv4
            ports: [{port: 3000}]
            endpoints: [{addresses: [10.0.0.1]}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: foo-v2-2, labels: {kubernetes.io/service-name: foo-v2}}
            addressType: IPv6
            ports: [{port: 3000}]
            endpoints: [{addresses: ["fd00::a:1"]}]
            """, hosts: ["10.0.0.1:3000", "[fd00::a:1]:3000", "[FD00::A:1]:3000"])

        #expect(hosts == ["foo-v2", "foo-v2", "foo-v2"])
    }

    @Test("an endpoint without a targetRef takes the labels of the only Pod with its address")
    func podByAddress() throws {
        let hosts = try targets(of: "virtualservice/default/reviews/http/0", in: "istio-reviews.yaml", with: """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: reviews-x1, labels: {kubernetes.io/service-name: reviews}}
            addressType: IPv4
            ports: [{port: 9080}]
            endpoints: [{addresses: [10.244.3.4]}, {addresses: [10.244.3.5]}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-v2-0, labels: {app: reviews, version: v2}}
            status: {podIP: 10.244.3.5, podIPs: [{ip: 10.244.3.5}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reviews-v1-0, labels: {app: reviews, version: v1}}
            status: {podIP: 10.244.3.4}
            """, hosts: ["10.244.3.5:9080", "10.244.3.4:9080"])

        #expect(hosts == ["reviews/v2", "reviews/v1"])
    }

    @Test("FQDN slices, slices with no endpoints, and Pods and Services with no address yet add no hosts")
    func nothingToMap() throws {
        let table = try RouteTable(documents: [(try Data(contentsOf: fixtureURL("gateway-api-httproute.yaml")), "routes.yaml"), (Data("""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: foo-v1-fqdn, labels: {kubernetes.io/service-name: foo-v1}}
            addressType: FQDN
            endpoints: [{addresses: [foo-v1.example.com]}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: foo-v2-empty, labels: {kubernetes.io/service-name: foo-v2}}
            addressType: IPv4
            endpoints: null
            ports: null
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: foo-v2}
            spec: {clusterIP: None, ports: [{port: 8080}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {generateName: foo-v2-}
            spec: {containers: [{name: foo, image: echo-basic}]}
            """.utf8), "dump.yaml")])

        #expect(table.routes.first?.targets.map(\.hosts.isEmpty) == [true, true])
    }
}

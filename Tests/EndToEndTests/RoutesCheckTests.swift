import Foundation
import TestSupport
import Testing

/// `routelens routes check` on the real route files of `../shared/realworld/routes/`, as their projects publish them.
@Suite("routes check on real route files")
struct RoutesCheckTests {
    static func realWorld(_ name: String) -> String {
        Repository.root.appendingPathComponent("../shared/realworld/routes").appendingPathComponent(name).standardizedFileURL.path
    }

    static func check(_ names: [String]) throws -> RouteLensTool.Result {
        try RouteLensTool.run(["routes", "check"] + names.map(realWorld))
    }

    /// The first column of the table's rows.
    static func routeColumn(_ output: String) -> [String] {
        output.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) }
    }

    @Test("Gateway API rules are listed in precedence order: exact paths, then the longest prefix first")
    func gatewayAPIMatchingOrder() throws {
        let result = try Self.check(["gwapi__conformance__httproute-path-match-order.yaml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Self.routeColumn(result.standardOutput).map { $0.split(separator: "/").last.map(String.init) ?? "" } == ["0", "1", "2", "5", "4", "3"])
    }

    @Test("the match column names the header and its value, and query parameters")
    func conditionsShown() throws {
        let headers = try Self.check(["istio__bookinfo__virtual-service-reviews-jason-v2-v3.yaml"])
        #expect(headers.standardOutput.contains(#"header end-user = "jason""#), "\(headers.standardOutput)")
        let query = try Self.check(["gwapi__conformance__httproute-query-param-matching.yaml"])
        #expect(query.standardOutput.contains(#"query animal = "whale""#), "\(query.standardOutput)")
    }

    @Test("the match column shows the header and scheme conditions of the aws-cli create-route example")
    func appMeshHeaderAndScheme() throws {
        let result = try Self.check(["appmesh-json__aws-cli__create-route-headers-output.json"])
        #expect(result.standardOutput.contains(#"prefix /, method POST, header clientrequestid prefix "123", scheme https (not in logs, not checked)"#),
                "\(result.standardOutput)")
    }

    @Test("an App Mesh CLI input file without meshName is read, its clusters matching any mesh")
    func missingMeshName() throws {
        let result = try Self.check(["appmesh-json__colorapp__colorteller-route-black-80-blue-20.json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("colorteller-route"))
        #expect(result.standardOutput.contains("cds_egress_*_colorteller-black-vn_*_*"), "\(result.standardOutput)")
    }

    @Test("a VirtualService with only TCP routes says so and exits 1: nothing usable was read")
    func tcpOnly() throws {
        let result = try Self.check(["istio__tcp-echo__tcp-echo-20-v2.yaml"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("1 TCP route of VirtualService default/tcp-echo not read"), "\(result.standardError)")
        #expect(result.standardError.contains("no HTTP route was read"), "\(result.standardError)")
    }

    @Test("TLS routes beside HTTP ones are reported as not read")
    func tlsRoutes() throws {
        let result = try Self.check(["istio__argo-rollouts__multipleVirtualsvc.yaml"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("spec.tls: 1 TLS route of VirtualService default/rollouts-demo-vsvc1 not read"), "\(result.standardError)")
    }

    @Test("a GatewayRoute whose VirtualService is in another file says its target is guessed")
    func guessedGatewayRouteTarget() throws {
        let result = try Self.check(["appmesh-k8s__howto-k8s-http-ingress-v2__gatewayroute-path-match.yaml"])
        #expect(result.standardError.contains("was not read, so the target color-green.${APP_NAMESPACE} is guessed"), "\(result.standardError)")
    }

    @Test("a weighted App Mesh target known only by its cluster is warned about: Envoy's default format logs no cluster")
    func unattributableTarget() throws {
        let result = try Self.check(["appmesh-json__aws-cli__create-route-weighted-input.json"])
        #expect(result.standardOutput.contains("vnServiceBv1: cluster vnServiceBv1 | cds_egress_app1_vnServiceBv1_*_*"), "\(result.standardOutput)")
        #expect(result.standardError.contains("weighted target vnServiceBv1 is recognised only by its upstream cluster"), "\(result.standardError)")
    }

    @Test("a directory with bad files reports every one, shows the routes of the others and exits 1")
    func everyBadFile() throws {
        let directory = try TemporaryDirectory()
        for name in ["appmesh-cfn__howto-http2__mesh.yaml", "appmesh-json__howto-ingress-gateway__colorgateway-route-1.json",
                     "istio__bookinfo__virtual-service-reviews-80-20.yaml"] {
            try FileManager.default.copyItem(atPath: Self.realWorld(name), toPath: directory.path(name))
        }
        let result = try RouteLensTool.run(["routes", "check", directory.path("")])
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 2, "\(result.standardError)")
        #expect(errors.contains { $0.contains("appmesh-cfn__howto-http2__mesh.yaml: document 1: unknown route kind") })
        #expect(errors.contains { $0.contains("colorgateway-route-1.json: line 10, column 47") })
        #expect(Self.routeColumn(result.standardOutput) == ["virtualservice/default/reviews/http/0"])
    }
}

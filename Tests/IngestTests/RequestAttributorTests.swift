import AccessLog
import Foundation
import Routing
import RequestBatches
import Storage
import Testing
@testable import Ingest

/// Route and target attribution of single Istio lines against the real route files in `../shared/realworld/routes/`.
@Suite("Request attribution")
struct RequestAttributorTests {
    /// Route files as their projects publish them, read as one set like `--routes`.
    static func realWorldTable(_ names: [String]) throws -> RouteTable {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/realworld/routes").standardizedFileURL
        return try RouteTable(documents: names.map { (try Data(contentsOf: directory.appendingPathComponent($0)), $0) })
    }

    /// An Istio 1.9+ sidecar line (the shape of istio.io's access-log task) with the given fields.
    static func istioLine(status: Int = 200, flags: String = "-", authority: String, host: String, cluster: String, route: String) -> String {
        #"[2026-11-26T10:00:00.000Z] "GET /reviews/0 HTTP/1.1" \#(status) \#(flags) via_upstream - "-" 0 135 4 4 "-" "curl/8" "r1" "\#(authority)" "\#(host)" \#(cluster) 10.44.1.23:37652 10.0.45.184:9080 10.44.1.23:46520 - \#(route)"#
    }

    static func attribute(_ line: String, routes: RouteTable) throws -> RequestAttribution {
        let parser = LineParser(format: LogFormat(preset: .istio))
        let attributor = RequestAttributor(routes: routes)
        var memory = RequestAttributor.Memory(attributor: attributor)
        // The parser's fields point into the line, so it is attributed while the bytes are alive.
        return try Array(line.utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            return attributor.attribute(parser, memory: &memory)
        }
    }

    static let bookinfo = ["istio__bookinfo__virtual-service-reviews-80-20.yaml", "istio__bookinfo__destination-rule-all.yaml"]

    @Test("a 503 UF with no upstream host counts for the subset its cluster names")
    func clusterNamesTargetWithoutHost() throws {
        let line = Self.istioLine(status: 503, flags: "UF", authority: "reviews:9080", host: "-",
                                  cluster: "outbound|9080|v2|reviews.default.svc.cluster.local", route: "-")
        let attribution = try Self.attribute(line, routes: Self.realWorldTable(Self.bookinfo))
        #expect(attribution.route == "virtualservice/default/reviews/http/0")
        #expect(attribution.target == "reviews/v2")
    }

    @Test("a request with neither upstream host nor cluster has no target")
    func neitherHostNorCluster() throws {
        let line = Self.istioLine(status: 503, flags: "NR", authority: "reviews:9080", host: "-", cluster: "-", route: "-")
        let attribution = try Self.attribute(line, routes: Self.realWorldTable(Self.bookinfo))
        #expect(attribution.route == "virtualservice/default/reviews/http/0")
        #expect(attribution.target == nil)
    }

    static let argo = ["istio__argo-rollouts__multipleVirtualsvc.yaml", "istio__argo-rollouts__istio-subset-split.yaml"]

    @Test("two VirtualServices' routes named primary are both kept, each qualified by its VirtualService")
    func sharedRouteNameKept() throws {
        let table = try Self.realWorldTable(Self.argo)
        #expect(table.routes.map(\.name) == [
            "virtualservice/default/rollouts-demo-vsvc1/primary", "secondary", "virtualservice/default/istio-subset-split-vsvc/primary",
        ])
    }

    @Test("a logged route name two VirtualServices share is told apart by the request's authority", arguments: [
        ("rollouts-demo-vsvc1.local", "virtualservice/default/rollouts-demo-vsvc1/primary"),
        ("istio-subset-split.default", "virtualservice/default/istio-subset-split-vsvc/primary"),
    ])
    func sharedRouteNameByAuthority(authority: String, route: String) throws {
        let line = Self.istioLine(authority: authority, host: "10.44.1.27:80", cluster: "-", route: "primary")
        let attribution = try Self.attribute(line, routes: Self.realWorldTable(Self.argo))
        #expect(attribution.route == route, "\(attribution)")
    }

    @Test("a logged route name two VirtualServices share is told apart by the cluster when the authority matches neither")
    func sharedRouteNameByCluster() throws {
        let line = Self.istioLine(authority: "10.0.45.184:9080", host: "10.44.1.27:80",
                                  cluster: "outbound|80|canary|istio-subset-split.default.svc.cluster.local", route: "primary")
        let attribution = try Self.attribute(line, routes: Self.realWorldTable(Self.argo))
        #expect(attribution.route == "virtualservice/default/istio-subset-split-vsvc/primary")
        #expect(attribution.target == "istio-subset-split/canary")
    }
}

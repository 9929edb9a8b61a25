import Foundation
import TestSupport
import Testing

/// Requests logged by each platform are attributed to the routes and targets of that platform's own route
/// configuration, through the CLI.
@Suite("Attribution with Gateway API, Istio and App Mesh controller routes")
struct RouteKindAttributionTests {
    /// One line in Istio's default format (1.9+) of a request for `path` at `authority` sent to `cluster`.
    private static func istioLine(second: Int, path: String = "/reviews/0", authority: String, cluster: String) -> String {
        #"[2026-11-26T10:00:\#(String(format: "%02d", second)).000Z] "GET \#(path) HTTP/1.1" 200 - via_upstream - "-" 0 295 5 4 "-" "curl/8.5.0" "req-\#(second)" "\#(authority)" "10.44.1.20:9080" \#(cluster) 10.44.1.23:37652 10.0.45.184:9080 10.44.1.23:46520 - -"#
    }

    private func split(routes: String, format: [String], lines: [String]) throws -> [String: Any] {
        let directory = try TemporaryDirectory()
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--routes", Repository.fixture("routes/\(routes)")]
            + format + [directory.path("access.log")])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let result = try RouteLensTool.run(["query", "split", "--db", directory.path("db.sqlite"), "--output", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    /// Requests per target of `route` in a `query split --output json` answer.
    private func requestsByTarget(_ answer: [String: Any], route: String) -> [String: Int] {
        let routes = answer["routes"] as? [[String: Any]] ?? []
        let targets = routes.first { $0["route"] as? String == route }?["targets"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: targets.compactMap { target in
            (target["target"] as? String).map { ($0, target["requests"] as? Int ?? -1) }
        })
    }

    @Test("Istio sidecar lines go to bookinfo's reviews route by host, and to subsets v1 and v2 by outbound cluster")
    func istioReviews() throws {
        let lines = (0..<9).map { Self.istioLine(second: $0, authority: "reviews:9080", cluster: "outbound|9080|v1|reviews.default.svc.cluster.local") }
            + [Self.istioLine(second: 9, authority: "reviews:9080", cluster: "outbound|9080|v2|reviews.default.svc.cluster.local")]

        let answer = try split(routes: "istio-reviews.yaml", format: ["--format", "istio"], lines: lines)

        #expect(requestsByTarget(answer, route: "virtualservice/default/reviews/http/0") == ["reviews/v1": 9, "reviews/v2": 1])
    }

    @Test("App Mesh gateway lines go to the controller-named gateway route and its weighted virtual nodes")
    func appMeshControllerResources() throws {
        let lines = (0..<8).map { Self.istioLine(second: $0, path: "/color/1", authority: "color.example.com", cluster: "cds_egress_howto-k8s_blue_howto-k8s_http_8080") }
            + (8..<10).map { Self.istioLine(second: $0, path: "/color/1", authority: "color.example.com", cluster: "cds_egress_howto-k8s_green_howto-k8s_http_8080") }

        let answer = try split(routes: "appmesh-k8s-color.yaml", format: ["--format", "istio"], lines: lines)

        #expect(requestsByTarget(answer, route: "color-gateway-route_howto-k8s") == ["blue_howto-k8s": 8, "green_howto-k8s": 2])
    }

    @Test("Envoy Gateway lines are counted under the HTTPRoute rule their logged route name names, even for a host the rule does not match")
    func envoyGatewayRouteName() throws {
        func line(_ second: Int, status: Int, route: String) -> String {
            #"{":authority":"other.example.com","bytes_received":0,"bytes_sent":120,"duration":3,"method":"GET","protocol":"HTTP/1.1","response_code":\#(status),"response_flags":"-","route_name":"\#(route)","start_time":"2026-11-26T10:00:\#(String(format: "%02d", second)).000Z","upstream_cluster":"httproute/default/foo-route/rule/0","upstream_host":"10.44.2.7:8080","x-envoy-origin-path":"/items/\#(second)","x-request-id":"req-\#(second)"}"#
        }
        let directory = try TemporaryDirectory()
        let lines = (0..<4).map { line($0, status: 200, route: "httproute/default/foo-route/rule/0/match/0/foo_example_com") }
            + [line(4, status: 503, route: "httproute/default/foo-route/rule/0/match/0/foo_example_com")]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--format", "json",
                                            "--routes", Repository.fixture("routes/gateway-api-httproute.yaml"), directory.path("access.log")])
        #expect(ingest.status == 0, "\(ingest.standardError)")

        let result = try RouteLensTool.run(["query", "errors", "--db", directory.path("db.sqlite"), "--output", "json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let routes = answer["routes"] as? [[String: Any]] ?? []
        #expect(routes.map { $0["route"] as? String } == ["httproute/default/foo-route/rule/0"])
        #expect(routes.first?["requests"] as? Int == 5)
        #expect(routes.first?["errors_5xx"] as? Int == 1)
    }

    @Test("Every route fixture, of every kind, loads together as one table")
    func allFixturesTogether() throws {
        let result = try RouteLensTool.run(["routes", "check", Repository.root.appendingPathComponent("fixtures/routes").path])

        #expect(result.status == 0, "\(result.standardError)")
        for route in ["orders-canary", "color-gateway-route_howto-k8s", "httproute/default/foo-route/rule/0",
                      "virtualservice/default/reviews/http/0", "inventory-canary"] {
            #expect(result.standardOutput.contains(route))
        }
    }
}

import Foundation
import TestSupport
import Testing

/// Health checks and the server-side copies of Istio requests are stored but left out of the reports
/// unless asked for; each report says what it left out.
@Suite("Health checks and Istio sidecar sides")
struct RequestClassTests {
    private static let outbound = "outbound|9080|v1|reviews.default.svc.cluster.local"
    private static let inbound = "inbound|9080||"

    /// One line in Istio's default format (1.9+) for `reviews:9080`.
    private static func line(_ second: Int, status: Int = 200, agent: String = "curl/8.5.0", cluster: String) -> String {
        #"[2026-11-26T10:00:\#(String(format: "%02d", second)).000Z] "GET /reviews/0 HTTP/1.1" \#(status) - via_upstream - "-" 0 295 5 4 "-" "\#(agent)" "req-\#(second)" "reviews:9080" "10.44.1.20:9080" \#(cluster) 10.44.1.23:37652 10.0.45.184:9080 10.44.1.23:46520 - -"#
    }

    /// Six requests logged by both sidecars (two of them 503), one Envoy health check on the client side,
    /// two Kubernetes probes on the server side.
    private static let lines = (0..<6).flatMap { second in
        [line(second, status: second < 2 ? 503 : 200, cluster: outbound), line(second, status: second < 2 ? 503 : 200, cluster: inbound)]
    } + [line(6, agent: "Envoy/HC", cluster: outbound), line(7, agent: "kube-probe/1.29", cluster: inbound), line(8, agent: "kube-probe/1.29", cluster: inbound)]

    private let database: String
    private let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("db.sqlite")
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run(["ingest", "--db", database, "--format", "istio", "--routes", Repository.fixture("routes/istio-reviews.yaml"), directory.path("access.log")])
        #expect(ingest.status == 0, "\(ingest.standardError)")
    }

    /// The one route's requests and 5xx, and what the report left out, from `query errors --output json`.
    private func errors(_ options: [String]) throws -> (requests: Int, errors5xx: Int, leftOut: [String: Int]) {
        let result = try RouteLensTool.run(["query", "errors", "--db", database, "--output", "json"] + options)
        #expect(result.status == 0, "\(result.standardError)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let route = (answer["routes"] as? [[String: Any]])?.first
        return (route?["requests"] as? Int ?? 0, route?["errors_5xx"] as? Int ?? 0, answer["left_out"] as? [String: Int] ?? [:])
    }

    @Test("By default a request counts once, from the client side, and health checks are left out")
    func defaultCountsOutboundTraffic() throws {
        let answer = try errors([])

        #expect(answer.requests == 6)
        #expect(answer.errors5xx == 2)
        #expect(answer.leftOut == ["health_checks": 1, "other_side": 8, "traffic": 0])
    }

    @Test("--side inbound counts the server sidecars' lines instead")
    func inboundSide() throws {
        let answer = try errors(["--side", "inbound"])

        #expect(answer.requests == 6)
        #expect(answer.errors5xx == 2)
        #expect(answer.leftOut == ["health_checks": 2, "other_side": 7, "traffic": 0])
    }

    @Test("--side both counts every line")
    func bothSides() throws {
        #expect(try errors(["--side", "both"]).requests == 12)
    }

    @Test("--health-checks reports the health checks alone")
    func healthChecksOnTheirOwn() throws {
        #expect(try errors(["--health-checks"]).requests == 1)
        #expect(try errors(["--health-checks", "--side", "both"]).requests == 3)
    }

    @Test("The table caption says what was not counted")
    func captionSaysWhatWasLeftOut() throws {
        let result = try RouteLensTool.run(["query", "errors", "--db", database])

        #expect(result.standardOutput.contains("not counted: 1 health checks (--health-checks), 8 Istio inbound sidecar lines (--side)"))
    }
}

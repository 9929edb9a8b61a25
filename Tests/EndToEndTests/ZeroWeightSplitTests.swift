import Foundation
import TestSupport
import Testing

/// A Gateway API rule whose backends all weigh 0 (legal: the gateway answers it with 500s) beside a weighted
/// RouteLens route: `query split` answers for both, the first as untestable.
@Suite("A route whose weights sum to 0, end to end")
struct ZeroWeightSplitTests {
    let directory: TemporaryDirectory
    var database: String { directory.path("routelens.sqlite") }

    static let drainedRule = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: drained, namespace: default}
        spec:
          hostnames: [drained.example.com]
          rules:
          - backendRefs:
            - {name: drained-v1, port: 8080, weight: 0}
            - {name: drained-v2, port: 8080, weight: 0}

        """

    init() throws {
        directory = try TemporaryDirectory()
        try CanaryRouteFile.yaml(canaryWeight: 10).write(toFile: directory.path("canary.yaml"), atomically: true, encoding: .utf8)
        try Self.drainedRule.write(toFile: directory.path("drained.yaml"), atomically: true, encoding: .utf8)
        try CanaryTraffic.text(from: 1_795_687_200_000, canaryPercent: 10).write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
    }

    @Test("routes check accepts the rule and says its split cannot be tested")
    func checkWarns() throws {
        let check = try RouteLensTool.run(["routes", "check", directory.path("drained.yaml")])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardError.contains("httproute/default/drained/rule/0: weights sum to 0"), "\(check.standardError)")
    }

    @Test("query split reports the drained rule as untestable and still tests the weighted route")
    func splitAnswersForEveryRoute() throws {
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--format", "envoy", "--routes", directory.path("canary.yaml"),
            "--routes", directory.path("drained.yaml"), directory.path("access.log"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let split = try RouteLensTool.run(["query", "split", "--db", database, "--output", "json"])
        #expect(split.status == 0, "\(split.standardError)")
        let report = try #require(try json(split.standardOutput) as? [String: Any])
        let routes = try #require(report["routes"] as? [[String: Any]])
        let verdicts = Dictionary(uniqueKeysWithValues: routes.map { ("\($0["route"] ?? "")", "\($0["verdict"] ?? "")") })
        #expect(verdicts == ["checkout": "ok", "httproute/default/drained/rule/0": "untestable"])
    }
}

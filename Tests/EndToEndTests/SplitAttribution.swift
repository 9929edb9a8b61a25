import Foundation
import TestSupport
import Testing

/// Requests per route and per target: `["virtualservice/default/reviews/http/0": ["reviews/v1": 541, "reviews/v2": 55]]`.
typealias RequestsPerTarget = [String: [String: Int]]

/// Ingests `log` (a path) read as `format` with the route sources `routes` through the CLI, and returns the requests
/// per route and target that `query split --output json` answers, leaving out targets without requests.
func requestsPerTarget(log: String, format: [String], routes: [String]) throws -> RequestsPerTarget {
    let directory = try TemporaryDirectory()
    let database = directory.path("routelens.sqlite")
    let ingest = try RouteLensTool.run(["ingest", "--db", database] + routes.flatMap { ["--routes", $0] } + format + [log])
    try #require(ingest.status == 0, "\(ingest.standardError)")
    let split = try RouteLensTool.run(["query", "split", "--db", database, "--output", "json"])
    try #require(split.status == 0, "\(split.standardError)")
    let answer = try #require(try JSONSerialization.jsonObject(with: Data(split.standardOutput.utf8)) as? [String: Any])
    var requests: RequestsPerTarget = [:]
    for route in try #require(answer["routes"] as? [[String: Any]]) {
        let name = try #require(route["route"] as? String)
        for target in try #require(route["targets"] as? [[String: Any]]) {
            let count = try #require(target["requests"] as? Int)
            if count > 0 { requests[name, default: [:]][try #require(target["target"] as? String)] = count }
        }
    }
    return requests
}

/// `fixtures/expected/NAME.attribution.json`, which `fixtures/make_fixtures.py` counted from the target it sent each
/// request to.
func expectedRequestsPerTarget(_ name: String) throws -> RequestsPerTarget {
    let data = try Data(contentsOf: URL(fileURLWithPath: Repository.fixture("expected/\(name).attribution.json")))
    return try #require(try JSONDecoder().decode([String: RequestsPerTarget].self, from: data)["routes"])
}

/// `expected` plus the requests of `log` (a path) that reached no upstream host (`UH`) but logged the cluster of a
/// target: the cluster names the target, so they count for it too. A target's cluster is recognised by its subset
/// (`|v2|` for `reviews/v2`) or its App Mesh virtual node (`_blue_howto-k8s_`).
func addingRequestsNamedOnlyByCluster(_ expected: RequestsPerTarget, log: String) throws -> RequestsPerTarget {
    var requests = expected
    let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains(" 503 UH ") }
    for (route, targets) in expected {
        for target in targets.keys {
            let marker = target.contains("/") ? "|\(target.split(separator: "/").last ?? "")|" : "_\(target)_"
            requests[route, default: [:]][target, default: 0] += lines.count { $0.contains(marker) }
        }
    }
    return requests
}

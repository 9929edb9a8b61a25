import Foundation
import TestSupport
import Testing

/// `ingest --follow --routes FILE` while the route file is edited, as an operator steps a rollout. Edits are written
/// atomically (a new file renamed over the old one, as editors and `git checkout` do), so the daemon never reads
/// one half-written.
@Suite("Following edited route files", .timeLimit(.minutes(1)))
struct RouteFileEditTests {
    let directory: TemporaryDirectory
    let logs: String
    let routes: String
    let stored: StoredRequests
    let daemon: FollowDaemon

    /// The daemon following a log of 10 lines, the canary at 10%, every line read.
    init() async throws {
        directory = try TemporaryDirectory()
        logs = try directory.subdirectory("logs")
        routes = directory.path("routes.yaml")
        try CanaryRouteFile.yaml(canaryWeight: 10).write(toFile: routes, atomically: true, encoding: .utf8)
        try LogFile.write(SequencedLine.text(0..<10), to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        stored = StoredRequests(path: database)
        daemon = try FollowDaemon(database: database, options: ["--format", "envoy", "--routes", routes], paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 10 }) { [stored] in try stored.count() }
    }

    /// Waits until the daemon has recorded `count` versions of the route weights, and returns them.
    func versions(_ count: Int) async throws -> [(effectiveAt: Int64, weights: [String: Int])] {
        try await daemon.watch(within: .seconds(30), until: { $0.count >= count }) { [stored] in try stored.routeWeightVersions() }
    }

    @Test("An edited route file's weights are recorded as in force from the time the daemon saw the edit")
    func recordsEditedWeights() async throws {
        let edited = Int64(Date().timeIntervalSince1970 * 1000)
        try CanaryRouteFile.yaml(canaryWeight: 50).write(toFile: routes, atomically: true, encoding: .utf8)
        let versions = try await versions(2)
        let seen = Int64(Date().timeIntervalSince1970 * 1000)

        #expect(versions.map(\.weights) == [
            ["checkout-stable": 90, "checkout-canary": 10], ["checkout-stable": 50, "checkout-canary": 50],
        ], "\(daemon.log)")
        #expect(versions.first?.effectiveAt == Int64.min, "a new database's first table is in force since the beginning")
        #expect((edited...seen).contains(versions.last?.effectiveAt ?? 0))
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
    }

    @Test("Lines read after a route file edit are attributed with the edited table")
    func attributesWithEditedTable() async throws {
        // The hosts trade places: the lines' upstream, once the canary's, becomes the stable target's.
        let edited = CanaryRouteFile.yaml(canaryWeight: 50, stableHosts: "10.1.2.0/24", canaryHosts: "10.1.1.0/24")
        try edited.write(toFile: routes, atomically: true, encoding: .utf8)
        _ = try await versions(2)
        try LogFile.append(SequencedLine.text(10..<20), to: logs + "/access.log")
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 20 }) { [stored] in try stored.count() }

        let targets = try stored.targetsByRequestID()
        #expect((0..<20).map { targets["seq-\($0)"] ?? "missing" } == Array(repeating: "checkout-canary", count: 10) + Array(repeating: "checkout-stable", count: 10))
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
    }

    @Test("A route file edited into bad YAML is logged once and the previous table kept; the next good edit is picked up")
    func badEdit() async throws {
        try "spec: {routes: [".write(toFile: routes, atomically: true, encoding: .utf8)
        let log = try await daemon.watch(within: .seconds(30), until: { $0.contains("cannot be used") }) { daemon.log }
        #expect(log.contains("route files changed but cannot be used, so the previous routes stay in use until they change again: \(routes)"))
        try LogFile.append(SequencedLine.text(10..<20), to: logs + "/access.log")
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 20 }) { [stored] in try stored.count() }
        #expect(try stored.targetsByRequestID()["seq-19"] == "checkout-canary")

        try CanaryRouteFile.yaml(canaryWeight: 50).write(toFile: routes, atomically: true, encoding: .utf8)
        let versions = try await versions(2)
        #expect(versions.last?.weights["checkout-canary"] == 50)
        #expect(daemon.log.components(separatedBy: "cannot be used").count == 2, "one line for the bad edit: \(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
    }

    @Test("A bad edit undone is logged as usable again and records no version")
    func badEditUndone() async throws {
        try "spec: {routes: [".write(toFile: routes, atomically: true, encoding: .utf8)
        _ = try await daemon.watch(within: .seconds(30), until: { $0.contains("cannot be used") }) { daemon.log }
        try CanaryRouteFile.yaml(canaryWeight: 10).write(toFile: routes, atomically: true, encoding: .utf8)
        let log = try await daemon.watch(within: .seconds(30), until: { $0.contains("usable again") }) { daemon.log }

        #expect(log.contains("route files are usable again and make the routes in use"))
        #expect(try stored.routeWeightVersions().count == 1)
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
    }
}

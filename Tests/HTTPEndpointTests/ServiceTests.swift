import AccessLog
import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Ingest
import Logging
import Routing
import ServiceLifecycle
import Storage
import TestSupport
import Testing

/// The endpoint as a service among others, and its readiness.
@Suite("Service and readiness")
struct ServiceTests {
    // The bound is loose: in the full suite other tests keep the cooperative pool busy for many seconds; a
    // server that ignored the shutdown would run until the time limit.
    @Test("In a ServiceGroup, graceful shutdown stops the server and run() returns", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        let endpoint = try FixtureDatabase.endpoint(port: 0)
        let group = ServiceGroup(services: [endpoint], logger: Logger(label: "test"))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
        #expect(ContinuousClock.now - started < .seconds(50))
    }

    @Test("/readyz is 503 naming a plain log file with bytes unread for longer than --ready-lag")
    func readyzLagging() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("access.log")
        let lines = try String(contentsOfFile: Repository.fixture("logs/envoy.log"), encoding: .utf8)
        try lines.write(toFile: log, atomically: true, encoding: .utf8)
        let path = directory.path("routelens.sqlite")
        let database = try RequestDatabase(path: path)
        _ = try Ingestor(database: database, options: IngestOptions(format: .fixed(LogFormat(preset: .envoy)), attributor: RequestAttributor(routes: try RouteTable(merging: []))))
            .ingest(path: log)
        let handle = try #require(FileHandle(forWritingAtPath: log))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.utf8))
        try handle.close()
        let anHourLater = Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000
        try await FixtureDatabase.endpoint(path: path, readyLag: 60, now: anHourLater).application.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let lagging = response.object["lagging"] as? [[String: Any]] ?? []
                #expect(lagging.first?["path"] as? String == log)
                #expect(lagging.first?["lag_bytes"] as? Int == lines.utf8.count)
            }
        }
        // Within the allowed lag, the same file is no reason to be unready.
        try await FixtureDatabase.endpoint(path: path, readyLag: 7200, now: anHourLater).application.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

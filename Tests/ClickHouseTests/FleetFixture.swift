import AccessLog
import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Reports
import Storage
import TestSupport

/// What the fleet tests share: logs of checkout traffic a node could have written, `routelens` run as a command, the
/// SQLite answers to compare ClickHouse's with.
enum FleetFixture {
    /// `count` Envoy default-format lines a second apart from `from` through ``CanaryRouteFile``'s route, ~10% to
    /// the canary; statuses and durations vary with `seed` so that two nodes' logs differ.
    static func log(count: Int, from: Int64, seed: Int) -> String {
        var text = ""
        for index in 0..<count {
            let mix = (index &* 7919 &+ seed &* 104_729) % 1000
            let time = TimestampFormatter.rfc3339(millisecondsSinceEpoch: from + Int64(index) * 1000)
            let host = mix % 10 == 0 ? CanaryRouteFile.canaryHost : CanaryRouteFile.stableHost
            let status = mix % 17 == 0 ? 503 : mix % 23 == 0 ? 404 : 200
            let duration = 3 + (mix * 37) % 400
            text += #"[\#(time)] "GET /checkout/\#(index) HTTP/1.1" \#(status) - 0 10 \#(duration) \#(max(duration - 1, 0)) "-" "curl/8" "n\#(seed)-\#(index)" "shop.example.com" "\#(host)""# + "\n"
        }
        return text
    }

    /// A client for a new database of the shared test server, its tables created.
    static func createdClient() async throws -> ClickHouseClient {
        let client = ClickHouseClient(endpoint: try ClickHouseServer.shared.get().endpoint())
        _ = try await ClickHouseSchema(client: client).create()
        return client
    }

    /// A shipper of `database`'s requests as `node`.
    static func shipper(_ client: ClickHouseClient, _ database: RequestDatabase, node: String) -> ClickHouseShipper {
        ClickHouseShipper(client: client, database: database, node: node, logger: Logger(label: "test"))
    }

    /// Each node's log written to `NODE.log`, ingested into `NODE.sqlite` and shipped as that node through `client`;
    /// and every log ingested into `both.sqlite`, the one-database answer the fleet's must equal.
    static func shippedNodes(
        _ logs: [(node: String, log: String)], through client: ClickHouseClient, in directory: TemporaryDirectory
    ) async throws -> (nodes: [RequestDatabase], both: RequestDatabase) {
        var nodes: [RequestDatabase] = []
        for (node, log) in logs {
            try write(log, to: directory.path(node + ".log"))
            let database = try self.database(directory, name: node + ".sqlite", logs: [directory.path(node + ".log")])
            _ = try await shipper(client, database, node: node).shipPending()
            nodes.append(database)
        }
        return (nodes, try database(directory, name: "both.sqlite", logs: logs.map { directory.path($0.node + ".log") }))
    }

    /// 2025-11-26T00:00:00Z.
    static let day: Int64 = 1_764_115_200_000

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs the built `routelens` with `arguments` to its end.
    @discardableResult
    static func routelens(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = try start(arguments, environment: environment)
        process.process.waitUntilExit()
        return process.outcome()
    }

    /// `routelens` started, its output going to files.
    final class Running {
        let process: Process
        let outputPath: String
        let errorPath: String

        init(process: Process, outputPath: String, errorPath: String) {
            self.process = process
            self.outputPath = outputPath
            self.errorPath = errorPath
        }

        func outcome() -> Outcome {
            Outcome(
                status: process.terminationStatus, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                error: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            )
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Repository.routelens
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("routelens-run-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
        process.standardError = FileHandle(forWritingAtPath: base + ".err")
        try process.run()
        return Running(process: process, outputPath: base + ".out", errorPath: base + ".err")
    }

    /// A database holding `logs` ingested with the canary route file (canary weight 10).
    static func database(_ directory: TemporaryDirectory, name: String, logs: [String]) throws -> RequestDatabase {
        let routes = directory.path("routes.yaml")
        if !FileManager.default.fileExists(atPath: routes) {
            try CanaryRouteFile.yaml(canaryWeight: 10).write(toFile: routes, atomically: true, encoding: .utf8)
        }
        let path = directory.path(name)
        let outcome = try routelens(["ingest", "--db", path, "--routes", routes] + logs)
        guard outcome.status == 0 else { throw FixtureError(description: "ingest failed: \(outcome.error)") }
        return try RequestDatabase(path: path)
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func requestCount(_ database: RequestDatabase) throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM request") ?? -1 }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }
}

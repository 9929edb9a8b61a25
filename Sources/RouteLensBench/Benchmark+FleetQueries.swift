import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Reports
import Storage

/// The fleet query stage: the query stage's month shipped into ClickHouse as two nodes, and the reports asked of
/// the fleet beside SQLite's answer to the same question in the same run (issue 13's target: 30 days of rollups
/// under 300 ms).
extension Benchmark {
    static let fleetReportTargetMilliseconds = 300.0

    func runFleetQueryStage() throws {
        let (url, server) = try clickHouseToUse()
        defer { server?.kill() }
        let client = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: url, database: "routelens_bench_fleet_\(getpid())"))
        _ = try Self.blocking { try await ClickHouseSchema(client: client).create() }
        defer { _ = try? Self.blocking { try await client.execute("DROP DATABASE IF EXISTS \(client.endpoint.database)") } }
        let store = try RequestDatabase(path: monthDatabasePath)
        // The month is kept between runs; the watermarks of a ClickHouse database dropped at the end are not.
        defer {
            try? store.pool.write { db in
                if try db.tableExists("clickhouse_shipped") {
                    try db.execute(sql: "DELETE FROM clickhouse_shipped WHERE destination = ?", arguments: [client.endpoint.destination])
                }
            }
        }
        let nodes = ["gateway-1", "gateway-2"]
        let shipped = try measure { () -> Int in
            var rows = 0
            for node in nodes {
                let shipper = ClickHouseShipper(client: client, database: store, node: node, logger: Logger(label: "routelens-bench"))
                rows += try Self.blocking { try await shipper.shipPending() }
            }
            return rows
        }
        print(String(format: "fleet: the month shipped as %d nodes into ClickHouse %@: %d raw rows and every rollup in %.1f s", nodes.count,
                     try Self.blocking { try await client.serverVersion() }, shipped.count, shipped.seconds))

        let local = Reporter(database: store)
        let fleet = ClickHouseReporter(client: client)
        let history = try store.routeWeightHistory()
        guard let newest = try local.newestRequestTime() else { return }
        let end = newest + 1
        print("fleet query stage: each fastest of 5; SQLite over one node's database, then ClickHouse over both nodes (target < \(Int(Self.fleetReportTargetMilliseconds)) ms)")
        for (label, span) in [("30 d", Int64(30 * 86_400_000)), ("24 h", Int64(86_400_000))] {
            let scope = ReportScope(from: end - span, to: end)
            for report in ["errors", "latency", "split"] {
                let sqlite = try time("sqlite \(report) \(label)") {
                    switch report {
                    case "errors": let answer = try local.errors(scope); return answer.method.rawValue + " " + answer.resolution
                    case "latency": let answer = try local.latency(scope); return answer.method.rawValue + " " + answer.resolution
                    default: let answer = try local.split(scope); return answer.method.rawValue + " " + answer.resolution
                    }
                }
                let clickhouse = try time("fleet  \(report) \(label)") {
                    try Self.blocking {
                        switch report {
                        case "errors": let answer = try await fleet.errors(scope); return answer.method.rawValue + " " + answer.resolution
                        case "latency": let answer = try await fleet.latency(scope); return answer.method.rawValue + " " + answer.resolution
                        default: let answer = try await fleet.split(scope, history: history); return answer.method.rawValue + " " + answer.resolution
                        }
                    }
                }
                print(String(format: "  fleet/sqlite %.2f×%@", clickhouse / max(sqlite, 0.001),
                             clickhouse < Self.fleetReportTargetMilliseconds ? "" : "  (over the \(Int(Self.fleetReportTargetMilliseconds)) ms target)"))
            }
        }
    }
}

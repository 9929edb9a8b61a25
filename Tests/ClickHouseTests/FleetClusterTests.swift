import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// A sharded fleet store: two clickhouse-servers forming one cluster (no ZooKeeper), tables made on each with
/// `init --cluster --this-server-only`, nodes shipping through `requests_all` and `rollups_all`.
@Suite(.serialized)
struct FleetClusterTests {
    static let servers = Result { () throws(ClickHouseServer.ServerError) in try ClickHouseServer.cluster(named: "fleet", shards: 2) }

    private static func endpoint(_ server: ClickHouseServer, database: String) throws -> ClickHouseEndpoint {
        try ClickHouseEndpoint(url: server.url, database: database, cluster: "fleet")
    }

    @Test func nodesShippingToEitherShardAnswerAsBothLogsInOneSQLiteAndEachLineIsStoredOnce() async throws {
        let servers = try Self.servers.get()
        let database = "cluster_\(getpid())"
        for server in servers {
            var schema = ClickHouseSchema(client: ClickHouseClient(endpoint: try Self.endpoint(server, database: database)))
            schema.onEveryServer = false
            _ = try await schema.create()
        }
        let directory = try TemporaryDirectory()
        // Two files a node, so that rows land on both shards (sharded by node and file).
        let logs = [("a1", 0, 51), ("a2", 2_000_000, 52), ("b1", 300, 53), ("b2", 2_000_300, 54)]
        for (name, offset, seed) in logs {
            try FleetFixture.write(FleetFixture.log(count: 1500, from: FleetFixture.day + Int64(offset), seed: seed), to: directory.path(name + ".log"))
        }
        let nodeA = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a1.log"), directory.path("a2.log")])
        let nodeB = try FleetFixture.database(directory, name: "b.sqlite", logs: [directory.path("b1.log"), directory.path("b2.log")])
        let both = try FleetFixture.database(directory, name: "both.sqlite", logs: logs.map { directory.path($0.0 + ".log") })
        let first = ClickHouseClient(endpoint: try Self.endpoint(servers[0], database: database))
        let second = ClickHouseClient(endpoint: try Self.endpoint(servers[1], database: database))
        #expect(try await ClickHouseShipper(client: first, database: nodeA, node: "a", logger: Logger(label: "test")).shipPending() == 3000)
        #expect(try await ClickHouseShipper(client: second, database: nodeB, node: "b", logger: Logger(label: "test")).shipPending() == 3000)
        // Node a lost its watermark and ships everything again, to the other server this time.
        try await nodeA.pool.write { db in try db.execute(sql: "DELETE FROM clickhouse_shipped") }
        #expect(try await ClickHouseShipper(client: second, database: nodeA, node: "a", logger: Logger(label: "test")).shipPending() == 3000)

        // Each shard holds part of the rows; together each line once.
        var perShard: [Int] = []
        for server in servers {
            let local = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: server.url, database: database))
            perShard.append(try await local.rows("SELECT count() AS rows FROM \(database).requests FINAL FORMAT JSONEachRow").first?.int("rows").map(Int.init) ?? 0)
        }
        #expect(perShard.allSatisfy { $0 > 0 })
        #expect(perShard.reduce(0, +) == 6000)

        var fleet = ClickHouseReporter(client: second)
        for limit in [SourcePlan.smallWindowRows, 0] {
            fleet.exactRowLimit = limit
            let reporter = Reporter(database: both, exactRowLimit: limit)
            #expect(try await fleet.errors(ReportScope(byTarget: true)) == (try reporter.errors(ReportScope(byTarget: true))))
            #expect(try await fleet.latency(ReportScope()) == (try reporter.latency(ReportScope())))
            #expect(try await fleet.split(ReportScope(), history: try both.routeWeightHistory()) == (try reporter.split(ReportScope())))
        }
    }
}

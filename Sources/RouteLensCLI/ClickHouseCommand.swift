import AccessLog
import ArgumentParser
import ClickHouse
import Dispatch
import Foundation
import Logging
import Rendering
import Reports
import Storage
import Synchronization

/// `routelens clickhouse init|backfill|status`: the fleet's ClickHouse tables, shipping a database, and the lag.
struct ClickHouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clickhouse",
        abstract: "Ship requests to ClickHouse, where the reports answer over every node (query … --clickhouse URL).",
        discussion: """
            Each node ships the requests it committed to SQLite, named by node and by their log line, so a line sent twice (after a crash, or when a node lost its database and reads its logs again) counts once. ingest --clickhouse URL ships as it ingests; ClickHouse down or slow never slows ingest: rows wait in SQLite and go out when it is back.

            Examples:
              routelens clickhouse init --clickhouse http://clickhouse:8123
              routelens clickhouse backfill --db gateway.sqlite --clickhouse http://clickhouse:8123
              routelens ingest --follow --clickhouse http://clickhouse:8123 /var/log/envoy/
              routelens query errors --clickhouse http://clickhouse:8123
            """,
        subcommands: [Init.self, Backfill.self, Status.self]
    )

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database and tables (idempotent).")

        @OptionGroup var clickhouse: ClickHouseOptions

        @Option(name: .customLong("retain-raw-days"), help: "Days ClickHouse keeps raw rows (TTL; 0: forever). Servers before 19.6 take no TTL.")
        var retainDays = 14

        @Flag(
            name: .customLong("this-server-only"),
            help: "With --cluster: create the tables on the server --clickhouse reaches only, not ON CLUSTER (a cluster without ZooKeeper or Keeper); run init against every server."
        )
        var thisServerOnly = false

        func validate() throws {
            if thisServerOnly, clickhouse.cluster == nil { throw ValidationError("--this-server-only applies with --cluster NAME") }
        }

        func run() async throws {
            let client = try ClickHouseClient(endpoint: clickhouse.requiredEndpoint())
            var schema = ClickHouseSchema(client: client, retentionDays: retainDays > 0 ? retainDays : nil)
            schema.onEveryServer = !thisServerOnly
            let outcome = try await schema.create()
            printError("created \(client.endpoint.requestsTable) on ClickHouse \(outcome.serverVersion)")
            if retainDays > 0, !outcome.ttlApplied {
                printError("warning: ClickHouse \(outcome.serverVersion) has no TTL (19.6 and later): raw rows are kept until their day's partition is dropped (ALTER TABLE \(client.endpoint.database).requests DROP PARTITION 'YYYY-MM-DD')")
            }
        }
    }

    struct Backfill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ship the requests of a database that ClickHouse has not acknowledged yet.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var clickhouse: ClickHouseOptions

        @Option(help: ArgumentHelp("The node the requests came from. Default: this host's name.", valueName: "name"))
        var node: String?

        func run() async throws {
            let client = try ClickHouseClient(endpoint: clickhouse.requiredEndpoint())
            var shipper = ClickHouseShipper(client: client, database: try database.open(), node: node ?? ClickHouseOptions.hostName, logger: .routelens)
            shipper.insertsInFlight = ClickHouseShipper.backfillInsertsInFlight
            let started = Date()
            let rows = try await shipper.shipPending()
            let seconds = max(Date().timeIntervalSince(started), 1e-9)
            printError("shipped \(rows) requests to \(client.endpoint.destination) as node \(shipper.watermark.node) " + String(format: "in %.1f s, %.0f rows/s", seconds, Double(rows) / seconds))
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How far each node's shipping is behind: requests in SQLite not yet acknowledged by ClickHouse.")

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "JSON instead of text.")
        var json = false

        func run() async throws {
            let lags = try ShippedWatermark.lags(in: database.openForReading())
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(lags), as: UTF8.self))
                return
            }
            if lags.isEmpty { print("nothing shipped to ClickHouse from \(database.path) yet") }
            for lag in lags { print(Self.describe(lag)) }
        }

        /// One destination's shipping in a line: `ClickHouse http://ch:8123/routelens node gw-1: 1200 shipped, 0 not yet shipped, last at …`.
        static func describe(_ lag: ShippingLag) -> String {
            "ClickHouse \(lag.destination) node \(lag.node): \(lag.shippedRows) shipped, \(lag.pendingRows) not yet shipped"
                + (lag.shippedAt > 0 ? ", last at \(TimestampFormatter.rfc3339(millisecondsSinceEpoch: lag.shippedAt))" : "")
        }
    }
}

/// Where ClickHouse is and as whom to talk to it: shared by `clickhouse`, `ingest` and `query`.
struct ClickHouseOptions: ParsableArguments {
    @Option(name: .customLong("clickhouse"), help: ArgumentHelp("ClickHouse's HTTP interface: http://HOST:8123 or https://HOST:8443.", valueName: "url"))
    var url: String?

    @Option(name: .customLong("clickhouse-user"), help: ArgumentHelp("The ClickHouse user.", valueName: "name"))
    var user = "default"

    @Option(
        name: .customLong("clickhouse-password-file"),
        help: ArgumentHelp("A file whose first line is the password. Default: $CLICKHOUSE_PASSWORD, else none.", valueName: "path")
    )
    var passwordFile: String?

    @Option(
        name: .customLong("clickhouse-ca-file"),
        help: ArgumentHelp("With an https URL: PEM certificates of the CA that signed ClickHouse's certificate, instead of the system's.", valueName: "path")
    )
    var caFile: String?

    @Option(name: .customLong("clickhouse-database"), help: ArgumentHelp("The ClickHouse database.", valueName: "name"))
    var database = "routelens"

    @Option(help: ArgumentHelp("A ClickHouse cluster: init creates requests_all and rollups_all over it, nodes ship into them, and reports read them.", valueName: "name"))
    var cluster: String?

    /// The endpoint, or `nil` without `--clickhouse`.
    func endpoint() throws -> ClickHouseEndpoint? {
        try fleetEndpoint()
    }

    /// ``endpoint()`` with its one kind of failure typed.
    func fleetEndpoint() throws(ClickHouseError) -> ClickHouseEndpoint? {
        guard let url else { return nil }
        return try ClickHouseEndpoint(
            url: url, user: user, password: ClickHouseEndpoint.password(file: passwordFile), database: database, cluster: cluster, caFile: caFile
        )
    }

    func requiredEndpoint() throws -> ClickHouseEndpoint {
        guard let endpoint = try endpoint() else { throw ValidationError("give --clickhouse URL") }
        return endpoint
    }

    /// The shipping service of an ingest with `--clickhouse`, none without.
    func shippers(database: RequestDatabase, node: String?) throws -> [ClickHouseShipper] {
        guard let endpoint = try endpoint() else { return [] }
        return [ClickHouseShipper(client: ClickHouseClient(endpoint: endpoint), database: database, node: node ?? Self.hostName, logger: .routelens)]
    }

    /// What keeps retention from deleting raw rows ClickHouse has not acknowledged, with `--clickhouse`.
    func retentionHolds(node: String?) throws -> [RetentionHold] {
        guard let endpoint = try endpoint() else { return [] }
        return [ShippedWatermark.retentionHold(destination: endpoint.destination, node: node ?? Self.hostName)]
    }

    static var hostName: String { ProcessInfo.processInfo.hostName }
}

/// `query errors|latency|split --clickhouse URL`: the fleet's answer. The query subcommands are synchronous, so
/// the ClickHouse call runs as a task while the command's thread (the main thread, not one of the cooperative pool's)
/// waits for it.
struct FleetQuery: ParsableArguments {
    @OptionGroup var clickhouse: ClickHouseOptions

    @Option(name: .customLong("node"), help: ArgumentHelp("With --clickhouse: only this node's requests.", valueName: "name"))
    var node: String?

    var reporter: ClickHouseReporter? {
        get throws { try clickhouse.endpoint().map { ClickHouseReporter(client: ClickHouseClient(endpoint: $0), node: node) } }
    }

    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        guard let result = outcome.withLock({ $0 }) else { throw ExitCode.failure }
        return try result.get()
    }
}

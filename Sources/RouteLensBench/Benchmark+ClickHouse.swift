import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Ingest
import LogSynthesis
import Logging
import Routing
import Storage
import AccessLog

/// The ClickHouse stage: shipping the ingest stage's generated files from SQLite into ClickHouse, against ingest
/// alone on the same files in the same run, so the ratio holds on whatever machine (and server) runs it.
extension Benchmark {
    /// Shipping targets (issue 13): ingest while shipping at most this many times ingest alone, and a backfill of at
    /// least this many rows a second.
    static let shippingRatioTarget = 1.2
    static let backfillRowsPerSecondTarget = 500_000.0

    /// How often the shipper beside the ingest looks for committed rows: a tenth of the daemon's default second, so
    /// that it ships throughout an ingest of a second or two, the most it can take from the ingest.
    static let shippingPollInterval: Duration = .milliseconds(100)

    /// `--clickhouse URL`, else a throw-away server started on loopback (the caller kills it).
    func clickHouseToUse() throws -> (url: String, server: ClickHouseServer?) {
        if let clickhouse { return (clickhouse, nil) }
        let started = try ClickHouseServer.ownServer()
        return (started.url, started)
    }

    func runClickHouseStage() throws {
        let paths = try prepareFiles()
        let format = try LogFormat(formatString: TrafficScenario.formatString)
        let table = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routes)), source: routes)
        let (url, server) = try clickHouseToUse()
        defer { server?.kill() }
        let version = try Self.blocking { try await ClickHouseClient(endpoint: ClickHouseEndpoint(url: url)).serverVersion() }
        print("\(lines) lines in \(files) gzip files; ClickHouse \(version) at \(url)\(server == nil ? "" : " (a throw-away server the bench started)")")
        print("rows per insert: \(clickhouseBatchRows.map { "\($0) (--clickhouse-batch-rows)" } ?? "the shipper's default, as clickhouse backfill sends them")")
        print("inserts in flight: \(clickhouseInsertsInFlight.map { "\($0) (--clickhouse-inserts-in-flight)" } ?? "\(ClickHouseShipper.backfillInsertsInFlight) for the backfill (as clickhouse backfill), 1 beside the ingest (as the daemon)")")

        var alone: Measurement?
        var alongside: Measurement?
        var alongsideDrained: Measurement?
        var backfill: Measurement?
        var exportOnly: Measurement?
        var backfillCPU = (routelens: 0.0, server: 0.0)
        var bodyBytes = 0
        for run in 0..<max(runs, 1) {
            let ingested = try temporaryDatabase("alone")
            defer { Self.remove(ingested) }
            let reference = try measureIngest(paths, into: ingested, format: format, routes: table)
            if reference.seconds < alone?.seconds ?? .infinity { alone = reference }

            let (exported, bytes) = try measureExport(ingested)
            if exported.seconds < exportOnly?.seconds ?? .infinity { exportOnly = exported }
            bodyBytes = bytes

            let (shipped, cpu) = try measureBackfill(ingested, url: url, database: "routelens_bench_\(getpid())_\(run)_backfill", server: server)
            if shipped.seconds < backfill?.seconds ?? .infinity {
                backfill = shipped
                backfillCPU = cpu
            }

            let shipping = try temporaryDatabase("shipping")
            defer { Self.remove(shipping) }
            let (during, drained) = try measureIngestWhileShipping(
                paths, into: shipping, format: format, routes: table, url: url, database: "routelens_bench_\(getpid())_\(run)_alongside"
            )
            if during.seconds < alongside?.seconds ?? .infinity { alongside = during }
            if drained.seconds < alongsideDrained?.seconds ?? .infinity { alongsideDrained = drained }
        }
        guard let alone, let alongside, let alongsideDrained, let backfill, let exportOnly else { return }

        print("(each fastest of \(max(runs, 1)) alternate runs: ingest alone, export, backfill, ingest while shipping; each run a new SQLite file and a new ClickHouse database)")
        print("stage".padding(toLength: 56, withPad: " ", startingAt: 0) + "       rows   seconds       rows/s   time vs ingest alone")
        let rows: [(String, Measurement)] = [
            ("ingest into SQLite alone (reference)", alone),
            ("ingest while shipping (poll \(Self.shippingPollInterval))", alongside),
            ("  … until every row is in ClickHouse", alongsideDrained),
            ("ingest, then backfill (a one-shot ingest --clickhouse)", Measurement(count: alone.count, seconds: alone.seconds + backfill.seconds)),
            ("backfill: SQLite → RowBinary → ClickHouse", backfill),
            ("  export only: SQLite → RowBinary, not sent", exportOnly),
        ]
        for (name, measurement) in rows {
            print(
                name.padding(toLength: 56, withPad: " ", startingAt: 0)
                    + String(
                        format: "%11d %9.2f %12.0f %10.2fx", measurement.count, measurement.seconds, Double(measurement.count) / measurement.seconds,
                        measurement.seconds / alone.seconds
                    )
            )
        }
        print("")
        let ratio = alongside.seconds / alone.seconds
        let rate = Double(backfill.count) / backfill.seconds
        print(String(format: "ingest while shipping: %.2fx ingest alone (target ≤ %.2fx): %@", ratio, Self.shippingRatioTarget, ratio <= Self.shippingRatioTarget ? "met" : "NOT met"))
        print(String(format: "backfill: %.0fk rows/s (target ≥ %.0fk rows/s): %@", rate / 1000, Self.backfillRowsPerSecondTarget / 1000, rate >= Self.backfillRowsPerSecondTarget ? "met" : "NOT met"))
        print(String(format: "RowBinary bodies: %.1f MB, %.0f bytes a row", Double(bodyBytes) / 1e6, Double(bodyBytes) / Double(max(exportOnly.count, 1))))
        print(
            String(format: "CPU during the fastest backfill: RouteLens %.2f s", backfillCPU.routelens)
                + (server == nil ? " (the server's is not measured: it is not the bench's)" : String(format: ", clickhouse-server %.2f s", backfillCPU.server))
        )
    }

    /// Every row of `path` shipped by a ``ClickHouseShipper``, as `clickhouse backfill` does, into a new database;
    /// with the CPU seconds RouteLens and (when the bench started it) the server spent meanwhile.
    private func measureBackfill(
        _ path: String, url: String, database: String, server: ClickHouseServer?
    ) throws -> (Measurement, (routelens: Double, server: Double)) {
        let client = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: url, database: database))
        _ = try Self.blocking { try await ClickHouseSchema(client: client).create() }
        defer { _ = try? Self.blocking { try await client.execute("DROP DATABASE IF EXISTS \(database)") } }
        let store = try RequestDatabase(path: path)
        var shipper = ClickHouseShipper(client: client, database: store, node: "bench", logger: Logger(label: "routelens-bench"))
        if let clickhouseBatchRows { shipper.batchRows = clickhouseBatchRows }
        shipper.insertsInFlight = clickhouseInsertsInFlight ?? ClickHouseShipper.backfillInsertsInFlight
        let backfill = shipper
        let cpuBefore = (Self.processCPUSeconds(), server.flatMap(Self.serverCPUSeconds) ?? 0)
        let shipped = try measure { try Self.blocking { try await backfill.shipPending() } }
        let cpu = (Self.processCPUSeconds() - cpuBefore.0, (server.flatMap(Self.serverCPUSeconds) ?? 0) - cpuBefore.1)
        return (shipped, cpu)
    }

    /// What RouteLens does of a backfill on its own: every row of `path` read and written as RowBinary, not sent;
    /// with the bodies' bytes.
    private func measureExport(_ path: String) throws -> (Measurement, bytes: Int) {
        let export = RequestExport(database: try RequestDatabase(path: path), node: "bench")
        var bytes = 0
        let measurement = try measure {
            var rows = 0
            var after: Int64 = 0
            while let batch = try export.batch(after: after, limit: 100_000) {
                rows += batch.rows
                bytes += batch.body.count
                after = batch.lastID
            }
            return rows
        }
        return (measurement, bytes)
    }

    /// An ingest of `paths` into `path` while a ``ClickHouseShipper`` service ships what it commits, as
    /// `ingest --follow --clickhouse` runs them: how long the ingest took, and how long until ClickHouse
    /// acknowledged its last row.
    private func measureIngestWhileShipping(
        _ paths: [String], into path: String, format: LogFormat, routes: RouteTable, url: String, database: String
    ) throws -> (ingest: Measurement, drained: Measurement) {
        let client = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: url, database: database))
        _ = try Self.blocking { try await ClickHouseSchema(client: client).create() }
        defer { _ = try? Self.blocking { try await client.execute("DROP DATABASE IF EXISTS \(database)") } }
        let store = try RequestDatabase(path: path)
        var shipper = ClickHouseShipper(client: client, database: store, node: "bench", logger: Logger(label: "routelens-bench"))
        shipper.pollInterval = Self.shippingPollInterval
        if let clickhouseBatchRows { shipper.batchRows = clickhouseBatchRows }
        if let clickhouseInsertsInFlight { shipper.insertsInFlight = clickhouseInsertsInFlight }
        let service = shipper
        let start = DispatchTime.now()
        let running = Task { try await service.run() }
        defer { running.cancel() }
        let ingest = try measureIngest(paths, into: path, format: format, routes: routes)
        let last = try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM request") } ?? 0
        while try service.watermark.lastShipped() < last { usleep(10_000) }
        let drained = Measurement(count: ingest.count, seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        return (ingest, drained)
    }

    /// A full ingest of `paths` into `path`, attributed with `routes`, through its last WAL checkpoint (`routelens
    /// ingest` pays it when it closes the database), keeping the database.
    func measureIngest(_ paths: [String], into path: String, format: LogFormat, routes: RouteTable) throws -> Measurement {
        let store = try RequestDatabase(path: path)
        let ingestor = Ingestor(database: store, options: IngestOptions(format: .fixed(format), attributor: RequestAttributor(routes: routes)))
        return try measure { () -> Int in
            var records = 0
            let checkpoints = store.startBackgroundCheckpoints()
            for path in paths { records += Int(try ingestor.ingest(path: path).records) }
            checkpoints?.stop()
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            return records
        }
    }

    private func temporaryDatabase(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("routelens-bench-\(getpid())-\(name).sqlite").path
        Self.remove(path)
        return path
    }

    private static func remove(_ database: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }

    /// Runs `body` on Swift's concurrency pool and waits for it here: the bench's stages are synchronous, the
    /// ClickHouse client is async.
    static func blocking<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
        let outcome = Outcome<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = outcome.result else { throw BenchError(description: "an async stage ended without a result") }
        return try result.get()
    }

    /// Set by the task before it signals, read after the wait: the semaphore orders the two.
    private final class Outcome<Value>: @unchecked Sendable {
        var result: Result<Value, any Error>?
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    /// This process's user and system CPU seconds so far.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The bench's clickhouse-server's user and system CPU seconds so far (`/proc/PID/stat`, fields 14 and 15).
    private static func serverCPUSeconds(_ server: ClickHouseServer) -> Double? {
        guard let pid = try? String(contentsOfFile: server.directory + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces), from field 3 on.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

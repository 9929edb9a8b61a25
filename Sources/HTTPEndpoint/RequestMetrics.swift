import Platform
import Foundation
import GRDB
import Prometheus
import Queries
import Storage
import Synchronization

/// `GET /metrics`: Prometheus counters and histograms of the requests in the logs, and the health of ingest and
/// the database, read from the database at scrape time.
///
/// Read at scrape time rather than fed by a hook in ingest: the endpoint then counts whatever writes the
/// database — a follow service in this process, `routelens ingest --follow` in another, a backfill — with no
/// coupling to the ingest pipeline. Each scrape reads only the rows stored since the last (request ids only
/// grow), at most ``rowsPerScrape`` of them, so a scrape stays cheap; a new server process starts its counters
/// at zero on the rows already stored and catches up over its first scrapes (Prometheus's `rate()` and
/// `increase()` treat the restart as a counter reset).
///
/// Labels are bounded: route, target and status class (`2xx` … `5xx`, `other`), all from the route
/// configuration; never paths, clients or hosts. Requests counted are those `query errors` counts by default:
/// HTTP, not health checks, not Istio's server-side copies.
final class RequestMetrics: Sendable {
    static let rowsPerScrape = 200_000
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    private let registry = PrometheusCollectorRegistry()
    private let state = Mutex(State())

    private struct State {
        var watermark: Int64 = 0
        /// Route and target by shape id; `nil` for shapes not counted.
        var shapes: [Int64: (route: String, target: String)?] = [:]
        var fileTotals: (lines: Int64, records: Int64, rejected: Int64) = (0, 0, 0)
    }

    /// Brings the counters up to date with `database` and returns the exposition text. Blocking: call from
    /// ``BlockingReads``; scrapes are serialised, so no row is counted twice.
    func scrape(_ database: RequestDatabase) throws(StorageError) -> [UInt8] {
        try state.withLock { state throws(StorageError) in
            try countNewRequests(database, &state)
            try recordHealth(database, &state)
        }
        return registry.emitToBuffer()
    }

    private func countNewRequests(_ database: RequestDatabase, _ state: inout State) throws(StorageError) {
        let after = state.watermark
        let known = state.shapes
        let rows: [(id: Int64, shape: Int64, status: Int?, duration: Int64?)]
        var shapes = known
        do {
            let requests = try NamedQuery.named("metrics-requests")
            let shapeQuery = try NamedQuery.named("metrics-shapes")
            (rows, shapes) = try database.pool.read { db in
                let rows = try Row.fetchAll(db, sql: requests.sql, arguments: ["after": after, "limit": Self.rowsPerScrape]).map { row in
                    (id: row["id"] as Int64, shape: row["shape_id"] as Int64, status: row["status"] as Int?, duration: row["duration_ms"] as Int64?)
                }
                var shapes = known
                if rows.contains(where: { shapes[$0.shape] == nil }) {
                    for row in try Row.fetchAll(db, sql: shapeQuery.sql) {
                        let counted: Bool = row["counted"]
                        shapes[row["id"]] = counted ? (route: row["route"] as String, target: (row["target"] as String?) ?? noTarget) : .some(nil)
                    }
                }
                return (rows, shapes)
            }
        } catch {
            throw StorageError(error, operation: .read("metrics"), path: database.path)
        }
        state.shapes = shapes
        var counts: [[String]: Int64] = [:]
        for row in rows {
            guard case .some(.some(let labels)) = shapes[row.shape] else { continue }
            counts[[labels.route, labels.target, Self.statusClass(row.status)], default: 0] += 1
            if let duration = row.duration {
                registry.makeValueHistogram(
                    descriptor: Self.durationDescriptor, labels: [("route", labels.route), ("target", labels.target)], buckets: Self.durationBuckets
                ).record(Double(duration) / 1000)
            }
        }
        for (labels, count) in counts {
            registry.makeCounter(descriptor: Self.requestsDescriptor, labels: [("route", labels[0]), ("target", labels[1]), ("status_class", labels[2])])
                .increment(by: count)
        }
        state.watermark = rows.last?.id ?? after
    }

    private func recordHealth(_ database: RequestDatabase, _ state: inout State) throws(StorageError) {
        let files = try database.sourceFiles()
        let totals = files.reduce((lines: Int64(0), records: Int64(0), rejected: Int64(0))) {
            ($0.lines + $1.lines, $0.records + $1.records, $0.rejected + $1.rejected)
        }
        registry.makeCounter(descriptor: .init(namespace: "routelens", metricName: "lines_read", unitName: "total", helpText: "Log lines ingested into the database."))
            .increment(by: max(0, totals.lines - state.fileTotals.lines))
        registry.makeCounter(descriptor: .init(namespace: "routelens", metricName: "records_parsed", unitName: "total", helpText: "Log lines parsed into records."))
            .increment(by: max(0, totals.records - state.fileTotals.records))
        registry.makeCounter(descriptor: .init(namespace: "routelens", metricName: "lines_rejected", unitName: "total", helpText: "Log lines rejected as not of their file's format."))
            .increment(by: max(0, totals.rejected - state.fileTotals.rejected))
        state.fileTotals = totals
        registry.makeGauge(descriptor: .init(namespace: "routelens", metricName: "tracked_files", unitName: "count", helpText: "Log files the database has a checkpoint for."))
            .set(Double(files.count))
        let size = ["", "-wal", "-shm"].reduce(Int64(0)) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: database.path + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
        registry.makeGauge(descriptor: .init(namespace: "routelens", metricName: "database_size", unitName: "bytes", helpText: "The database file with its WAL."))
            .set(Double(size))
        let readiness = try Readiness.check(database, now: SystemWallClock().now, allowedLagSeconds: 0)
        registry.makeGauge(descriptor: .init(namespace: "routelens", metricName: "ingest_lag", unitName: "bytes", helpText: "Bytes of plain log files not yet read, over every tracked file."))
            .set(Double(readiness.lagging.reduce(0) { $0 + $1.lagBytes }))
        registry.makeGauge(descriptor: .init(namespace: "routelens", metricName: "ingest_lag", unitName: "seconds", helpText: "The longest time a tracked file has had unread bytes."))
            .set(readiness.lagging.map(\.lagSeconds).max() ?? 0)
    }

    static var requestsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "routelens", metricName: "requests", unitName: "total", helpText: "Requests in the logs by route, target and status class.")
    }
    static var durationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "routelens", metricName: "request_duration", unitName: "seconds", helpText: "Request durations (%DURATION%) in the logs by route and target."
        )
    }

    static func statusClass(_ status: Int?) -> String {
        switch status ?? 0 {
        case 100...199: "1xx"
        case 200...299: "2xx"
        case 300...399: "3xx"
        case 400...499: "4xx"
        case 500...599: "5xx"
        default: "other"
        }
    }
}

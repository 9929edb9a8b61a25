import Foundation
import GRDB
import Statistics
package import Storage

/// A node's rollup rows (`request_rollup`: requests per minute, hour and day and per rollup shape), read from SQLite
/// and written as the RowBinary body of a ClickHouse insert into `rollups` (`queries/clickhouse/rollups.sql`; arrays
/// as their length in LEB128, then the elements).
///
/// A row goes out whole, with every request counted in it so far; ClickHouse keeps the copy with the most requests.
/// So what to send after a batch of raw rows is simply every rollup row whose period holds one of their start times
/// (``Selection/touched(after:through:)``), read after those rows were committed: it counts them and everything
/// before them. RowBinary, as the raw rows: at one request a second over 60 routes a node has about as many minute
/// rollup rows as requests, and a backfill sends them all.
package struct RollupExport: Sendable {
    /// The ClickHouse columns, in the order each row writes them.
    package static let columns = [
        "node", "period", "start", "route", "target", "operation", "flags", "details", "tcp", "health_check", "inbound", "requests",
        "status_2xx", "status_3xx", "status_4xx", "status_5xx", "status_429", "bytes_received", "bytes_sent", "duration_buckets",
        "duration_counts", "duration_min", "duration_max",
    ]

    /// Which rollup rows to send.
    package enum Selection: Sendable, Equatable {
        /// Every one: a node's first shipment, which also carries the rollups of raw rows retention deleted before.
        case all
        /// Those whose period holds a start time of a request with an id in `(after, through]`, and those of
        /// requests without a start time (a handful of rows).
        case touched(after: Int64, through: Int64)
    }

    /// The key of the last row of a page: the next page starts after it (`request_rollup`'s primary key).
    package struct Position: Sendable, Equatable {
        var period: Int64
        var start: Int64
        var shapeID: Int64
    }

    /// One insert's worth of rollup rows.
    package struct Page: Sendable {
        package var body: [UInt8]
        package var rows: Int
        package var last: Position
    }

    package let database: RequestDatabase
    package let node: String

    package init(database: RequestDatabase, node: String) {
        self.database = database
        self.node = node
    }

    /// Up to `limit` rows of `selection` past `position` (from the first when `nil`), in primary key order; `nil` when
    /// none are left. Blocks: call it on a ``BlockingWorker``.
    package func page(of selection: Selection, after position: Position?, limit: Int) throws(StorageError) -> Page? {
        do {
            return try database.pool.read { db -> Page? in
                let (condition, arguments) = try Self.condition(selection, db)
                var allArguments = arguments
                let after = position ?? Position(period: Int64.min, start: Int64.min, shapeID: Int64.min)
                allArguments += [after.period, after.start, after.shapeID, limit]
                let sql = """
                    SELECT rollup.period, rollup.start, rollup.shape_id, route.text, target.text, operation.text, flags.text, details.text,
                           shape.tcp, shape.health_check, shape.inbound, rollup.requests, rollup.status_2xx, rollup.status_3xx,
                           rollup.status_4xx, rollup.status_5xx, rollup.status_429, rollup.bytes_received, rollup.bytes_sent, rollup.durations
                    FROM request_rollup AS rollup
                    JOIN request_shape AS shape ON shape.id = rollup.shape_id
                    JOIN label AS route ON route.id = shape.route_id
                    LEFT JOIN label AS target ON target.id = shape.target_id
                    LEFT JOIN label AS operation ON operation.id = shape.operation_id
                    LEFT JOIN label AS flags ON flags.id = shape.flags_id
                    LEFT JOIN label AS details ON details.id = shape.details_id
                    WHERE (\(condition)) AND (rollup.period, rollup.start, rollup.shape_id) > (?, ?, ?)
                    ORDER BY rollup.period, rollup.start, rollup.shape_id
                    LIMIT ?
                    """
                var body = RowBinaryWriter(capacity: limit * 64)
                var rows = 0
                var last = after
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(allArguments))
                while let row = try cursor.next() {
                    last = Position(period: row[0], start: row[1], shapeID: row[2])
                    body.appendString(node)
                    body.append(UInt32(clamping: last.period))
                    body.append(last.start)
                    for column in 3...7 { body.appendString((row[column] as String?) ?? "") }
                    for column in 8...10 { body.append(UInt8(clamping: row[column] as Int64)) }
                    for column in 11...16 { body.append(UInt64(clamping: row[column] as Int64)) }
                    for column in 17...18 { body.append(row[column] as Int64) }
                    let histogram = (row[19] as Data?).flatMap { LatencyHistogram(serialized: [UInt8]($0)) } ?? LatencyHistogram()
                    body.appendLength(histogram.buckets.count)
                    for bucket in histogram.buckets { body.append(bucket) }
                    body.appendLength(histogram.bucketCounts.count)
                    for count in histogram.bucketCounts { body.append(UInt64(clamping: count)) }
                    body.append(histogram.minimum ?? 0)
                    body.append(histogram.maximum ?? 0)
                    rows += 1
                }
                return rows == 0 ? nil : Page(body: body.take(), rows: rows, last: last)
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(error, operation: .read("rollups to ship"), path: database.path)
        }
    }

    /// The greatest request id committed (0 when none). Blocks.
    package func lastRequestID() throws(StorageError) -> Int64 {
        do {
            return try database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM request") ?? 0 }
        } catch {
            throw StorageError(error, operation: .read("the last request id"), path: database.path)
        }
    }

    /// The SQL condition on `rollup` for `selection`, with its arguments.
    ///
    /// For ``Selection/touched(after:through:)`` the start times come from the block range index (`request_block`:
    /// each run of ids with its least and greatest start time), so no raw row is read: the periods holding any
    /// instant between a block's bounds, a superset that costs a few more rows when a block straddles a minute.
    private static func condition(_ selection: Selection, _ db: Database) throws -> (String, [any DatabaseValueConvertible]) {
        guard case .touched(let after, let through) = selection else { return ("1", []) }
        let bounds = try Row.fetchAll(
            db, sql: "SELECT min_time, max_time FROM request_block WHERE last_id > ? AND first_id <= ? AND min_time IS NOT NULL",
            arguments: [after, through]
        ).map { (low: $0[0] as Int64, high: $0[1] as Int64) }
        var clauses = ["rollup.start = ?"]
        var arguments: [any DatabaseValueConvertible] = [RollupPeriod.noStartTime]
        for period in RollupPeriod.allCases {
            for range in merged(bounds.map { (period.start(of: $0.low), period.start(of: $0.high)) }, step: period.milliseconds) {
                clauses.append("(rollup.period = ? AND rollup.start BETWEEN ? AND ?)")
                arguments += [period.milliseconds, range.low, range.high]
            }
        }
        return (clauses.joined(separator: " OR "), arguments)
    }

    /// Ranges of period starts joined where they overlap or touch: blocks follow one another in time, so a batch's
    /// hundreds of blocks become a few ranges.
    static func merged(_ ranges: [(Int64, Int64)], step: Int64) -> [(low: Int64, high: Int64)] {
        var result: [(low: Int64, high: Int64)] = []
        for (low, high) in ranges.sorted(by: { $0.0 < $1.0 }) {
            if let last = result.last, low <= last.high.addingReportingOverflow(step).partialValue {
                result[result.count - 1].high = max(last.high, high)
            } else {
                result.append((low, high))
            }
        }
        return result
    }
}

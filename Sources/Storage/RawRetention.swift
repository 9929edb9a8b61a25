import Foundation
import GRDB
import Statistics

/// Deletes raw request rows older than the retention period, after rolling them up into
/// `request_minute`, one minute of traffic per transaction so ingest never waits long for the write lock.
///
/// What survives a minute's deletion: HTTP requests, 5xx and 4xx per route and target, and a
/// ``LatencyHistogram`` of durations; reports over that minute stay exact for counts and splits and
/// become approximate (within 1.6%) for percentiles. Only what the reports count by default is rolled
/// up: not TCP records, health checks, or the server-side copies of Istio requests, and not operations.
/// Rows without a start time are never deleted.
package struct RawRetention: Sendable {
    package let database: RequestDatabase
    /// How long raw rows are kept, in milliseconds.
    package let keep: Int64

    package init(database: RequestDatabase, keepingMilliseconds keep: Int64) {
        self.database = database
        self.keep = keep
    }

    /// Rolls up and deletes the oldest minute older than `now − keep`; returns the rows deleted, 0 when
    /// nothing is old enough.
    package func deleteOldestMinute(now: Int64) throws(StorageError) -> Int {
        do {
            return try rollUpAndDeleteOldestMinute(now: now)
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    private func rollUpAndDeleteOldestMinute(now: Int64) throws -> Int {
        let cutoff = (now - keep) / 60_000 * 60_000
        return try database.write { db -> Int in
            // Block bounds are exact (see RequestBlocks), so the oldest row's time is the least block minimum.
            guard let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(min_time) FROM request_block WHERE min_time < ?", arguments: [cutoff]) else {
                return 0
            }
            let minute = oldest >= 0 ? oldest / 60_000 : (oldest - 59_999) / 60_000
            let range = [minute * 60_000, min(cutoff, (minute + 1) * 60_000)]
            let inRange = StatementArguments(["from": range[0], "to": range[1]])
            let rowsInRange = """
                request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
                WHERE block.min_time < :to AND block.max_time >= :from AND start_time >= :from AND start_time < :to
                """
            var rollups: [RollupKey: Rollup] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT route.text AS route, target.text AS target, status, duration_ms
                    FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
                    -- CROSS JOINs keep this order: blocks, their rows, each row's shape.
                    CROSS JOIN request_shape AS shape ON shape.id = request.shape_id
                    JOIN label AS route ON route.id = shape.route_id
                    LEFT JOIN label AS target ON target.id = shape.target_id
                    WHERE block.min_time < :to AND block.max_time >= :from AND start_time >= :from AND start_time < :to
                      AND shape.tcp = 0 AND shape.health_check = 0 AND shape.inbound = 0
                    """,
                arguments: inRange
            )
            while let row = try rows.next() {
                let key = RollupKey(route: row["route"], target: row["target"] ?? "")
                let status: Int? = row["status"]
                rollups[key, default: Rollup()].add(status: status, duration: row["duration_ms"])
            }
            for (key, rollup) in rollups {
                try rollup.merge(into: db, minute: minute, key: key)
            }
            try db.execute(sql: "DELETE FROM request WHERE id IN (SELECT request.id FROM \(rowsInRange))", arguments: inRange)
            let deleted = db.changesCount
            try RequestBlocks.shrinkBlocks(afterDeletingFrom: range[0], to: range[1], in: db)
            return deleted
        }
    }

    private struct RollupKey: Hashable {
        var route: String
        var target: String
    }

    private struct Rollup {
        var requests = 0
        var errors5xx = 0
        var errors4xx = 0
        var durations = LatencyHistogram()

        mutating func add(status: Int?, duration: Int64?) {
            requests += 1
            if let status, (500...599).contains(status) { errors5xx += 1 }
            if let status, (400...499).contains(status) { errors4xx += 1 }
            if let duration { durations.record(duration) }
        }

        /// Adds this rollup to the stored one for the same minute, route and target: a late file can
        /// bring rows of a minute already rolled up.
        func merge(into db: Database, minute: Int64, key: RollupKey) throws {
            var histogram = durations
            if let stored = try Row.fetchOne(
                db,
                sql: "SELECT durations FROM request_minute WHERE minute = ? AND route = ? AND target = ?",
                arguments: [minute, key.route, key.target]
            ), let previous = LatencyHistogram(serialized: [UInt8](stored["durations"] as Data)) {
                histogram.merge(previous)
            }
            try db.execute(
                sql: """
                    INSERT INTO request_minute (minute, route, target, requests, errors_5xx, errors_4xx, durations)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (minute, route, target) DO UPDATE SET
                        requests = requests + excluded.requests,
                        errors_5xx = errors_5xx + excluded.errors_5xx,
                        errors_4xx = errors_4xx + excluded.errors_4xx,
                        durations = excluded.durations
                    """,
                arguments: [minute, key.route, key.target, requests, errors5xx, errors4xx, Data(histogram.serialized)]
            )
        }
    }
}

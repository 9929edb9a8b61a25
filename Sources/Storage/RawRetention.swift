import GRDB

/// Deletes raw request rows older than the retention period, one minute of traffic per transaction so ingest
/// never waits long for the write lock.
///
/// Only raw rows: ingest already counted every row in `request_rollup` (minute, hour and day) in the
/// transaction that stored it, so reports over a deleted minute keep every count and split exact and read
/// percentiles from histograms (within 0.4%); what is lost is exact percentiles and request listings. Rows
/// without a start time are never deleted.
package struct RawRetention: Sendable {
    package let database: RequestDatabase
    /// How long raw rows are kept, in milliseconds.
    package let keep: Int64

    package init(database: RequestDatabase, keepingMilliseconds keep: Int64) {
        self.database = database
        self.keep = keep
    }

    /// Deletes the raw rows of the oldest minute older than `now − keep`; returns the rows deleted, 0 when
    /// nothing is old enough.
    package func deleteOldestMinute(now: Int64) throws(StorageError) -> Int {
        do {
            return try deleteOldest(now: now)
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    private func deleteOldest(now: Int64) throws -> Int {
        let cutoff = RollupPeriod.minute.start(of: now - keep)
        return try database.write { db -> Int in
            // Block bounds are exact (see RequestBlocks), so the oldest row's time is the least block minimum.
            guard let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(min_time) FROM request_block WHERE min_time < ?", arguments: [cutoff]) else {
                return 0
            }
            let minute = RollupPeriod.minute.start(of: oldest)
            let range = [minute, min(cutoff, minute + RollupPeriod.minute.milliseconds)]
            let inRange = StatementArguments(["from": range[0], "to": range[1]])
            try db.execute(
                sql: """
                    DELETE FROM request WHERE id IN (
                        SELECT request.id FROM request_block AS block
                        CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
                        WHERE block.min_time < :to AND block.max_time >= :from AND start_time >= :from AND start_time < :to)
                    """,
                arguments: inRange
            )
            let deleted = db.changesCount
            try RequestBlocks.shrinkBlocks(afterDeletingFrom: range[0], to: range[1], in: db)
            return deleted
        }
    }
}

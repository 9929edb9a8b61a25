import GRDB

/// Deletes raw request rows older than the retention period, one minute of traffic per transaction so ingest
/// never waits long for the write lock.
///
/// Only raw rows: ingest already counted every row in `request_rollup` (minute, hour and day) in the
/// transaction that stored it, so reports over a deleted minute keep every count and split exact and read
/// percentiles from histograms (within 0.4%); what is lost is exact percentiles and request listings. Rows
/// without a start time are never deleted.
///
/// A minute with a row some ``holds`` still needs is not deleted, nor any minute after it, until released: retention
/// deletes whole minutes, oldest first, which is what report plans rely on to know which raw rows are left.
package struct RawRetention: Sendable {
    package let database: RequestDatabase
    /// How long raw rows are kept, in milliseconds.
    package let keep: Int64
    /// Readers that must see raw rows before they go (see ``RetentionHold``).
    package var holds: [RetentionHold] = []

    package init(database: RequestDatabase, keepingMilliseconds keep: Int64) {
        self.database = database
        self.keep = keep
    }

    /// Deletes the raw rows of the oldest minute older than `now − keep`; returns the rows deleted, 0 when
    /// nothing is old enough or a hold still needs a row of that minute.
    package func deleteOldestMinute(now: Int64) throws(StorageError) -> Int {
        var released = Int64.max
        for hold in holds { released = min(released, try hold.releasedThrough(database)) }
        do {
            return try deleteOldest(now: now, releasedThrough: released)
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    /// The holds keeping raw rows older than `now − keep`, with how many rows each keeps; empty when none does.
    package func heldRows(now: Int64) throws(StorageError) -> [(hold: String, rows: Int)] {
        let cutoff = RollupPeriod.minute.start(of: now - keep)
        var result: [(hold: String, rows: Int)] = []
        for hold in holds {
            let released = try hold.releasedThrough(database)
            do {
                let rows = try database.pool.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM request WHERE id > ? AND start_time < ?", arguments: [released, cutoff]) ?? 0
                }
                if rows > 0 { result.append((hold.name, rows)) }
            } catch {
                throw StorageError(error, operation: .read("raw rows held for \(hold.name)"), path: database.path)
            }
        }
        return result
    }

    private func deleteOldest(now: Int64, releasedThrough released: Int64) throws -> Int {
        let cutoff = RollupPeriod.minute.start(of: now - keep)
        return try database.write { db -> Int in
            // Block bounds are exact (see RequestBlocks), so the oldest row's time is the least block minimum.
            guard let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(min_time) FROM request_block WHERE min_time < ?", arguments: [cutoff]) else {
                return 0
            }
            let minute = RollupPeriod.minute.start(of: oldest)
            let range = [minute, min(cutoff, minute + RollupPeriod.minute.milliseconds)]
            let inRange = StatementArguments(["from": range[0], "to": range[1]])
            if released < Int64.max {
                let held = try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM request_block AS block
                            CROSS JOIN request ON request.id BETWEEN max(block.first_id, :released + 1) AND block.last_id
                            WHERE block.last_id > :released AND block.min_time < :to AND block.max_time >= :from
                              AND start_time >= :from AND start_time < :to)
                        """,
                    arguments: ["from": range[0], "to": range[1], "released": released]
                ) ?? false
                if held { return 0 }
            }
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

import GRDB

extension RequestDatabase {
    /// The start time of the newest request stored, milliseconds since the epoch (raw rows, else the newest minute
    /// rolled up); `nil` when there is none.
    ///
    /// Retention counts from here, not from the wall clock: a backfill of last month's logs keeps its raw rows as
    /// long as a live log's (see ``RawRetention``).
    package func newestStartTime() throws(StorageError) -> Int64? {
        do {
            return try pool.read { db in
                let raw = try Int64.fetchOne(db, sql: "SELECT MAX(max_time) FROM request_block")
                let rolledUp = try Int64.fetchOne(
                    db, sql: "SELECT MAX(start) FROM request_rollup WHERE period = ? AND start > ?",
                    arguments: [RollupPeriod.minute.milliseconds, RollupPeriod.noStartTime]
                )
                return [raw, rolledUp].compactMap { $0 }.max()
            }
        } catch {
            throw StorageError(error, operation: .read("finding the newest request"), path: path)
        }
    }
}

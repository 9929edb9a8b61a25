import GRDB

/// Keeps `request_block`, the block range index on `request.start_time`: the least and greatest start
/// time of each run of consecutive request ids.
///
/// Queries for a window join the blocks that overlap it to `request` by id range; see `queries/errors.sql`.
/// Blocks must never overlap, or a row would be read twice: a batch's rows have consecutive ids (the
/// writer holds the write lock), a block is only extended by the rows that directly follow it, and
/// retention shrinks blocks to the rows left in them, so a reused id can never fall inside an old block.
enum RequestBlocks {
    /// The most ids one block spans: small enough that a window's first and last block add little to read.
    static let rowsPerBlock: Int64 = 10_000

    /// Records the rows `first…last` with start times `minTime…maxTime` (`nil` when none has one), extending
    /// the last block when they follow it directly and it has room.
    static func recordRows(first: Int64, last: Int64, minTime: Int64?, maxTime: Int64?, in db: Database) throws {
        let extended = try db.cachedStatement(sql: """
            UPDATE request_block
            SET last_id = :last,
                min_time = CASE WHEN min_time IS NULL OR :min < min_time THEN coalesce(:min, min_time) ELSE min_time END,
                max_time = CASE WHEN max_time IS NULL OR :max > max_time THEN coalesce(:max, max_time) ELSE max_time END
            WHERE first_id = (SELECT MAX(first_id) FROM request_block) AND last_id = :first - 1 AND :last - first_id < :limit
            """)
        try extended.execute(arguments: ["first": first, "last": last, "min": minTime, "max": maxTime, "limit": rowsPerBlock])
        guard db.changesCount == 0 else { return }
        try db.cachedStatement(sql: "INSERT INTO request_block (first_id, last_id, min_time, max_time) VALUES (?, ?, ?, ?)")
            .execute(arguments: [first, last, minTime, maxTime])
    }

    /// Shrinks the blocks that overlapped deleted rows in `[from, to)` to the rows left in them, and drops
    /// the blocks left empty.
    static func shrinkBlocks(afterDeletingFrom from: Int64, to: Int64, in db: Database) throws {
        let affected = "min_time < :to AND max_time >= :from"
        try db.execute(
            sql: """
                UPDATE request_block SET
                    min_time = (SELECT MIN(start_time) FROM request WHERE id BETWEEN first_id AND last_id),
                    max_time = (SELECT MAX(start_time) FROM request WHERE id BETWEEN first_id AND last_id),
                    first_id = coalesce((SELECT MIN(id) FROM request WHERE id BETWEEN first_id AND last_id), first_id),
                    last_id = coalesce((SELECT MAX(id) FROM request WHERE id BETWEEN first_id AND last_id), last_id)
                WHERE \(affected);
                DELETE FROM request_block
                WHERE min_time IS NULL AND NOT EXISTS (SELECT 1 FROM request WHERE id BETWEEN first_id AND last_id);
                """,
            arguments: ["from": from, "to": to]
        )
    }
}

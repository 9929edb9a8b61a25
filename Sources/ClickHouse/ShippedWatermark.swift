import GRDB
package import Storage

/// How far a node's requests went into one ClickHouse: the greatest SQLite request id ClickHouse acknowledged, and
/// the request id through which every rollup row was sent (after the first full pass, the rollups of each batch past
/// it go with the batch).
///
/// Request ids grow with every commit (one writer; retention deletes the oldest), so the rows past the watermark are
/// exactly those committed and not yet acknowledged. The watermark is written after ClickHouse answered the insert;
/// a crash between the two sends the batch again, which ClickHouse's ReplacingMergeTree keys make harmless.
///
/// Kept in a table of its own, `clickhouse_shipped`, created by this module with `CREATE TABLE IF NOT EXISTS` on first
/// use rather than as a GRDB migration in Storage: shipping is an optional sink, and the migration list is the schema
/// every database goes through in order (and is being extended meanwhile for rollups); a table created on first use
/// leaves databases that never ship untouched and keeps this module from reordering anyone's migrations.
package struct ShippedWatermark: Sendable {
    package let database: RequestDatabase
    package let destination: String
    package let node: String

    package init(database: RequestDatabase, destination: String, node: String) {
        self.database = database
        self.destination = destination
        self.node = node
    }

    static let createTable = """
        CREATE TABLE IF NOT EXISTS clickhouse_shipped (
            destination TEXT NOT NULL,
            node TEXT NOT NULL,
            last_request_id INTEGER NOT NULL,
            rows INTEGER NOT NULL,
            shipped_at INTEGER NOT NULL,
            rollups_through INTEGER,
            PRIMARY KEY (destination, node)
        ) WITHOUT ROWID
        """

    /// Where shipping stands.
    package struct Progress: Sendable, Equatable {
        /// The greatest request id acknowledged, 0 when nothing was shipped.
        package var lastShipped: Int64
        /// Every rollup row was sent after the requests through this id were committed, so counting them; `nil`
        /// before the first full pass.
        package var rollupsShippedThrough: Int64?
    }

    /// Where shipping stands, creating the table on first use (and adding `rollups_through` to one made before
    /// rollups were shipped: its rollups then go out once, on the next pass).
    package func progress() throws(StorageError) -> Progress {
        do {
            // A read when the table is as this version makes it: retention asks before every minute it deletes, and
            // a write transaction would queue behind ingest's for nothing.
            let read = try database.pool.read { db -> Progress? in
                guard try db.tableExists("clickhouse_shipped"), try db.columns(in: "clickhouse_shipped").contains(where: { $0.name == "rollups_through" })
                else { return nil }
                return try Self.progress(in: db, destination: destination, node: node)
            }
            if let read { return read }
            return try database.pool.write { db in
                try Self.prepare(db)
                return try Self.progress(in: db, destination: destination, node: node)
            }
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    private static func progress(in db: Database, destination: String, node: String) throws -> Progress {
        let row = try Row.fetchOne(
            db, sql: "SELECT last_request_id, rollups_through FROM clickhouse_shipped WHERE destination = ? AND node = ?", arguments: [destination, node]
        )
        return Progress(lastShipped: row?[0] ?? 0, rollupsShippedThrough: row?[1])
    }

    /// The greatest request id acknowledged, 0 when nothing was shipped.
    package func lastShipped() throws(StorageError) -> Int64 {
        try progress().lastShipped
    }

    /// Records that every rollup row was sent after the requests through `requestID` were committed, at `now`.
    package func recordRollupsShipped(through requestID: Int64, now: Int64) throws(StorageError) {
        do {
            try database.pool.write { db in
                try Self.prepare(db)
                try db.execute(
                    sql: """
                        INSERT INTO clickhouse_shipped (destination, node, last_request_id, rows, shipped_at, rollups_through) VALUES (?, ?, 0, 0, ?, ?)
                        ON CONFLICT (destination, node) DO UPDATE SET rollups_through = excluded.rollups_through
                        """,
                    arguments: [destination, node, now, requestID]
                )
            }
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    private static func prepare(_ db: Database) throws {
        try db.execute(sql: createTable)
        if try !db.columns(in: "clickhouse_shipped").contains(where: { $0.name == "rollups_through" }) {
            try db.execute(sql: "ALTER TABLE clickhouse_shipped ADD COLUMN rollups_through INTEGER")
        }
    }

    /// Records that ClickHouse acknowledged every request up to `lastID` (`rows` more of them), at `now`.
    package func advance(to lastID: Int64, rows: Int, now: Int64) throws(StorageError) {
        do {
            try database.pool.write { db in
                try Self.prepare(db)
                try db.execute(
                    sql: """
                        INSERT INTO clickhouse_shipped (destination, node, last_request_id, rows, shipped_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (destination, node) DO UPDATE SET last_request_id = excluded.last_request_id,
                            rows = rows + excluded.rows, shipped_at = excluded.shipped_at
                        """,
                    arguments: [destination, node, lastID, rows, now]
                )
            }
        } catch {
            throw StorageError(error, operation: .write, path: database.path)
        }
    }

    /// The hold that keeps retention from deleting raw rows of `node` this ClickHouse has not acknowledged.
    package static func retentionHold(destination: String, node: String) -> RetentionHold {
        RetentionHold(name: "ClickHouse \(destination)") { database throws(StorageError) in
            try ShippedWatermark(database: database, destination: destination, node: node).lastShipped()
        }
    }

    /// Every watermark in `database`, with the rows committed past it: what `clickhouse status` shows. Reads only;
    /// a database that never shipped has none.
    package static func lags(in database: RequestDatabase) throws(StorageError) -> [ShippingLag] {
        do {
            return try database.pool.read { db in
                let pending = try Int64.fetchOne(db, sql: "SELECT count(*) FROM request") ?? 0
                guard try db.tableExists("clickhouse_shipped") else { return [] }
                return try Row.fetchAll(db, sql: "SELECT destination, node, last_request_id, rows, shipped_at FROM clickhouse_shipped ORDER BY destination, node").map { row in
                    let last: Int64 = row["last_request_id"]
                    let lag = try Int64.fetchOne(db, sql: "SELECT count(*) FROM request WHERE id > ?", arguments: [last]) ?? pending
                    return ShippingLag(destination: row["destination"], node: row["node"], lastRequestID: last, shippedRows: row["rows"], shippedAt: row["shipped_at"], pendingRows: lag)
                }
            }
        } catch {
            throw StorageError(error, operation: .read("clickhouse_shipped"), path: database.path)
        }
    }
}

/// One node's shipping to one ClickHouse, as `clickhouse status` shows it.
package struct ShippingLag: Sendable, Equatable, Encodable {
    package var destination: String
    package var node: String
    package var lastRequestID: Int64
    package var shippedRows: Int64
    /// Milliseconds since the epoch of the last acknowledged batch.
    package var shippedAt: Int64
    /// Rows committed in SQLite and not yet acknowledged by ClickHouse.
    package var pendingRows: Int64

    enum CodingKeys: String, CodingKey {
        case destination, node
        case lastRequestID = "last_request_id"
        case shippedRows = "shipped_rows"
        case shippedAt = "shipped_at"
        case pendingRows = "pending_rows"
    }
}

import CSQLite
package import GRDB

/// Stores ``RequestBatch``es in the `request` table: the writing end of ingest.
///
/// This is the ingest hot path, so it binds through the prepared statements' raw `sqliteStatement`
/// with `sqlite3_bind_*`: GRDB's `execute(arguments:)` boxes every value into a `DatabaseValue` and
/// measured at about half the speed. Measured choices (2M generated lines, see `routelens-bench`):
/// - rows go in ``rowsPerStatement`` at a time through one multi-row `INSERT … VALUES (…), (…)`:
///   SQLite opens cursors, starts the statement and halts once per statement, not per row, which
///   halved the CPU of an insert (2M rows of this shape from C: 7.4 s one row per statement, 4.0 s at 16);
/// - a parameter is bound again only when its value differs from what it holds (`sqlite3_reset`
///   keeps bindings), which skips the constant file id and most repeated labels;
/// - text is bound `SQLITE_STATIC` from the batch's arena, which outlives the statement's steps.
///
/// Not `Sendable`: one writer owns it for one run; it maps the run's local label ids to `label` ids.
package struct RequestInserter {
    /// Rows per multi-row statement: 16 and 64 measured the same, both twice as fast as one.
    static let rowsPerStatement = 32
    static let parametersPerRow = 1 + RequestBatch.integerColumns.count + RequestBatch.labelColumns.count + RequestBatch.textColumns.count

    /// The `label.id` of each local label id of the run, in local id order.
    private var labelIDs: [Int64] = []
    /// What each integer or label parameter of the multi-row and the one-row statement holds, to
    /// skip rebinding it.
    private var boundMany = [Int64](repeating: unknown, count: rowsPerStatement * parametersPerRow)
    private var boundOne = [Int64](repeating: unknown, count: parametersPerRow)

    package init() {}

    /// Inserts `batch`'s labels not yet in `label`, then its rows, as rows of file `fileID`.
    ///
    /// Call it inside the transaction that also records the file's checkpoint. When it throws, that
    /// transaction rolls back and the labels it resolved are forgotten with it: the run must end there.
    package mutating func insert(_ batch: RequestBatch, fileID: Int64, in db: Database) throws {
        if batch.restartsLabels { labelIDs.removeAll(keepingCapacity: true) }
        precondition(labelIDs.count == Int(batch.firstNewLabel), "batches must be inserted in the order they were encoded")
        for index in 0..<batch.newLabelCount {
            labelIDs.append(try Self.labelID(of: batch.newLabel(index), in: db))
        }
        // GRDB may have reset or rebound a cached statement since the last batch: bind everything once.
        for index in boundMany.indices { boundMany[index] = Self.unknown }
        for index in boundOne.indices { boundOne[index] = Self.unknown }
        let many = try db.cachedStatement(sql: Self.insertSQL(rows: Self.rowsPerStatement)).sqliteStatement
        let one = try db.cachedStatement(sql: Self.insertSQL(rows: 1)).sqliteStatement
        try batch.integers.withUnsafeBufferPointer { integers in
            try batch.labels.withUnsafeBufferPointer { labels in
                try batch.texts.withUnsafeBufferPointer { texts in
                    try batch.bytes.withUnsafeBytes { bytes in
                        try labelIDs.withUnsafeBufferPointer { labelIDs in
                            let rows = Rows(integers: integers, labels: labels, texts: texts, bytes: bytes, labelIDs: labelIDs)
                            var row = 0
                            try boundMany.withUnsafeMutableBufferPointer { bound in
                                while row + Self.rowsPerStatement <= batch.count {
                                    for offset in 0..<Self.rowsPerStatement {
                                        rows.bind(row + offset, fileID: fileID, to: many, at: Int32(offset * Self.parametersPerRow), bound: bound)
                                    }
                                    try Self.step(many, db)
                                    row += Self.rowsPerStatement
                                }
                            }
                            try boundOne.withUnsafeMutableBufferPointer { bound in
                                while row < batch.count {
                                    rows.bind(row, fileID: fileID, to: one, at: 0, bound: bound)
                                    try Self.step(one, db)
                                    row += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The batch's buffers while it is bound, and the run's label ids.
    private struct Rows {
        let integers: UnsafeBufferPointer<Int64>
        let labels: UnsafeBufferPointer<Int32>
        let texts: UnsafeBufferPointer<Int32>
        let bytes: UnsafeRawBufferPointer
        let labelIDs: UnsafeBufferPointer<Int64>

        /// Binds row `row` to the parameters after `first` of `statement`; `bound` holds what they hold now.
        @inline(__always)
        func bind(_ row: Int, fileID: Int64, to statement: OpaquePointer, at first: Int32, bound: UnsafeMutableBufferPointer<Int64>) {
            var parameter = first
            func bindInteger(_ value: Int64) {
                let slot = Int(parameter)
                parameter += 1
                guard bound[slot] != value else { return }
                bound[slot] = value
                if value == RequestBatch.nullInteger {
                    sqlite3_bind_null(statement, parameter)
                } else {
                    sqlite3_bind_int64(statement, parameter, value)
                }
            }
            bindInteger(fileID)
            let integerCount = RequestBatch.integerColumns.count
            for column in 0..<integerCount {
                bindInteger(integers[row * integerCount + column])
            }
            let labelCount = RequestBatch.labelColumns.count
            for column in 0..<labelCount {
                let local = labels[row * labelCount + column]
                bindInteger(local == RequestBatch.nullLabel ? RequestBatch.nullInteger : labelIDs[Int(local)])
            }
            let textCount = RequestBatch.textColumns.count
            for column in 0..<textCount {
                let slot = 2 * (row * textCount + column)
                parameter += 1
                let (start, count) = (Int(texts[slot]), texts[slot + 1])
                if count < 0 {
                    sqlite3_bind_null(statement, parameter)
                } else if count == 0 {
                    sqlite3_bind_text(statement, parameter, "", 0, RequestInserter.transient)
                } else {
                    let text = (bytes.baseAddress! + start).assumingMemoryBound(to: CChar.self)
                    sqlite3_bind_text(statement, parameter, text, count, nil)
                }
            }
        }
    }

    private static func step(_ statement: OpaquePointer, _ db: Database) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_reset(statement)
    }

    /// The `label.id` of `text`, inserting it when it is new.
    private static func labelID(of text: [UInt8], in db: Database) throws -> Int64 {
        let select = try db.cachedStatement(sql: "SELECT id FROM label WHERE text = ?").sqliteStatement
        let insert = try db.cachedStatement(sql: "INSERT INTO label (text) VALUES (?)").sqliteStatement
        return try text.withUnsafeBytes { text in
            bindCopy(of: text, to: select)
            let code = sqlite3_step(select)
            defer { sqlite3_reset(select) }
            if code == SQLITE_ROW { return sqlite3_column_int64(select, 0) }
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            bindCopy(of: text, to: insert)
            try step(insert, db)
            return db.lastInsertedRowID
        }
    }

    private static func bindCopy(of text: UnsafeRawBufferPointer, to statement: OpaquePointer) {
        if let base = text.baseAddress, !text.isEmpty {
            sqlite3_bind_text(statement, 1, base.assumingMemoryBound(to: CChar.self), Int32(text.count), transient)
        } else {
            sqlite3_bind_text(statement, 1, "", 0, transient)
        }
    }

    private static func insertSQL(rows: Int) -> String {
        let columns = ["file_id"] + RequestBatch.integerColumns + RequestBatch.labelColumns + RequestBatch.textColumns
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO request (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// What `bound` holds for a parameter whose value is not known: no row value equals it.
    private static let unknown = Int64.min + 1

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before the call returns.
    fileprivate static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

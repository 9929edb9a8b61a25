import CSQLite
package import RequestBatches
package import GRDB

/// Stores ``RequestBatch``es: their new labels in `label`, new shapes in `request_shape`, rows in `request`
/// and their id and time range in `request_block`. The writing end of ingest.
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
/// Not `Sendable`: one writer owns it for one run; it maps the run's local label and shape ids to
/// `label` and `request_shape` ids.
package struct RequestInserter {
    /// Rows per multi-row statement: 16 and 64 measured the same, both twice as fast as one.
    static let rowsPerStatement = 32
    static let parametersPerRow = 1 + RequestBatch.integerColumns.count + 1 + RequestBatch.labelColumns.count + RequestBatch.textColumns.count

    /// The `label.id` of each local label id of the run, in local id order.
    private var labelIDs: [Int64] = []
    /// The `request_shape.id` of each local shape id of the run, in local id order.
    private var shapeIDs: [Int64] = []
    /// The `request_shape.id` each local shape id's rollups count under: the shape without the labels rollups
    /// leave out (see ``RollupAccumulator/droppedShapeColumns``).
    private var rollupShapeIDs: [Int64] = []
    /// What each integer or label parameter of the multi-row and the one-row statement holds, to
    /// skip rebinding it.
    private var boundMany = [Int64](repeating: unknown, count: rowsPerStatement * parametersPerRow)
    private var boundOne = [Int64](repeating: unknown, count: parametersPerRow)
    /// The batch's requests per minute and shape, for `request_rollup`.
    private var rollups = RollupAccumulator()

    package init() {}

    /// Inserts `batch`'s labels not yet in `label` and shapes not yet in `request_shape`, then its rows,
    /// as rows of file `fileID`.
    ///
    /// Call it inside the transaction that also records the file's checkpoint. When it throws, that
    /// transaction rolls back and the labels it resolved are forgotten with it: the run must end there.
    package mutating func insert(_ batch: RequestBatch, fileID: Int64, in db: Database) throws {
        if batch.restartsLocalIDs {
            labelIDs.removeAll(keepingCapacity: true)
            shapeIDs.removeAll(keepingCapacity: true)
            rollupShapeIDs.removeAll(keepingCapacity: true)
        }
        precondition(labelIDs.count == Int(batch.firstNewLabel), "batches must be inserted in the order they were encoded")
        precondition(shapeIDs.count == Int(batch.firstNewShape), "batches must be inserted in the order they were encoded")
        for index in 0..<batch.newLabelCount {
            labelIDs.append(try Self.labelID(of: batch.newLabel(index), in: db))
        }
        for index in 0..<batch.newShapeCount {
            let key = batch.newShape(index)
            shapeIDs.append(try shapeID(of: key, in: db))
            var rolledUp = key
            for column in Self.droppedShapeKeyIndices { rolledUp[key.startIndex + column] = RequestBatch.nullLabel }
            rollupShapeIDs.append(rolledUp == key ? shapeIDs[shapeIDs.count - 1] : try shapeID(of: rolledUp, in: db))
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
                            let rows = Rows(
                                integers: integers, shapes: batch.shapes, labels: labels, texts: texts, bytes: bytes, labelIDs: labelIDs,
                                shapeIDs: shapeIDs
                            )
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
        guard batch.count > 0 else { return }
        try rollUp(batch, in: db)
        // The batch's rows took consecutive ids ending at the last one inserted: this writer holds the write lock.
        let last = db.lastInsertedRowID
        let (minTime, maxTime) = batch.startTimeRange
        try RequestBlocks.recordRows(first: last - Int64(batch.count) + 1, last: last, minTime: minTime, maxTime: maxTime, in: db)
    }

    /// Adds the batch's rows to their minute, hour and day rollups, in the transaction that stores them.
    private mutating func rollUp(_ batch: RequestBatch, in db: Database) throws {
        let width = RequestBatch.integerColumns.count
        let (time, status, received, sent, duration) = (1, 2, 3, 4, 5)
        assert(RequestBatch.integerColumns[time] == "start_time" && RequestBatch.integerColumns[duration] == "duration_ms")
        rollups.removeAll()
        batch.integers.withUnsafeBufferPointer { integers in
            for row in 0..<batch.count {
                func value(_ column: Int) -> Int64? {
                    let value = integers[row * width + column]
                    return value == RequestBatch.nullInteger ? nil : value
                }
                rollups.add(
                    startTime: value(time), shapeID: rollupShapeIDs[Int(batch.shapes[row])], status: value(status), bytesReceived: value(received),
                    bytesSent: value(sent), duration: value(duration)
                )
            }
        }
        try rollups.write(in: db)
    }

    /// The batch's buffers while it is bound, and the run's label and shape ids.
    private struct Rows {
        let integers: UnsafeBufferPointer<Int64>
        let shapes: [Int32]
        let labels: UnsafeBufferPointer<Int32>
        let texts: UnsafeBufferPointer<Int32>
        let bytes: UnsafeRawBufferPointer
        let labelIDs: UnsafeBufferPointer<Int64>
        let shapeIDs: [Int64]

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
            bindInteger(shapeIDs[Int(shapes[row])])
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
                if let blobLength = RequestBatch.blobLength(count) {
                    sqlite3_bind_blob(statement, parameter, bytes.baseAddress! + start, blobLength, nil)
                } else if count < 0 {
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

    /// The `request_shape.id` of a shape key (local label ids and flags), inserting the shape when it is new.
    ///
    /// No UNIQUE index backs this (SQLite holds NULLs distinct, and most shapes have some): the write
    /// transaction, IMMEDIATE, makes the lookup and the insert one step.
    private func shapeID(of key: ArraySlice<Int32>, in db: Database) throws -> Int64 {
        let labelCount = RequestBatch.shapeLabelColumns.count
        let values: [(any DatabaseValueConvertible)?] = key.enumerated().map { index, value in
            if index >= labelCount { return Int64(value) }
            return value == RequestBatch.nullLabel ? nil : labelIDs[Int(value)]
        }
        let columns = RequestBatch.shapeLabelColumns + RequestBatch.shapeFlagColumns
        let arguments = StatementArguments(values.map { $0?.databaseValue ?? .null })
        let condition = columns.map { "\($0) IS ?" }.joined(separator: " AND ")
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM request_shape WHERE \(condition) LIMIT 1", arguments: arguments) {
            return id
        }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO request_shape (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", arguments: arguments)
        return db.lastInsertedRowID
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
        let columns = ["file_id"] + RequestBatch.integerColumns + ["shape_id"] + RequestBatch.labelColumns + RequestBatch.textColumns
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO request (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Where in a shape key the labels rollups leave out are.
    private static let droppedShapeKeyIndices = RollupAccumulator.droppedShapeColumns.compactMap { RequestBatch.shapeLabelColumns.firstIndex(of: $0) }

    /// What `bound` holds for a parameter whose value is not known: no row value equals it.
    private static let unknown = Int64.min + 1

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before the call returns.
    fileprivate static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

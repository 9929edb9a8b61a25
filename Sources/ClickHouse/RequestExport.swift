import CSQLite
import Foundation
import GRDB
package import Storage

/// Committed request rows past a request id, read from SQLite and written as the RowBinary body of one ClickHouse
/// insert: every column of `request_view` but the local ids, plus the node and the line's identity (file, line).
///
/// RowBinary rather than JSONEachRow (which it was until 2026-12): JSONEachRow made the server parse and unescape
/// every value and RouteLens quote and escape it. RowBinary takes text as SQLite holds it and integers as their
/// bytes, and both 18.16 and current servers read it. On 1,000,000 rows on the 2-core development machine, with
/// clickhouse-server 18.16 beside it, a backfill went from 150–245k rows/s to 372–492k, RouteLens's CPU from about
/// 3.5 s to 0.9–1.05 s, and a 1M-row insert costs the server half the CPU (the README's "Fleet: ClickHouse" has the
/// figures; `routelens-bench --clickhouse-server` measures them). A body is no longer readable by hand;
/// `clickhouse-local --input-format RowBinary` reads one.
///
/// The rows come from `request` alone, not from `request_view`: its label and shape ids are turned into their
/// columns by an ``ExportDictionary`` held in memory, which gives the values the view's joins give (SQLite's
/// share of a batch was those twelve joins). The text columns are written from SQLite's bytes, never made
/// `String`s; the statement is stepped with `sqlite3_*` calls, as `RequestInserter` binds, because GRDB's `Row`
/// boxes every value.
package struct RequestExport: Sendable {
    /// The ClickHouse columns, in the order each row writes them; all but the first three come from request_view.
    /// Their types are `queries/clickhouse/requests.sql`'s (its `day` is a DEFAULT, not sent).
    package static let columns = [
        "node", "file", "line", "start_time", "method", "path", "protocol", "status", "flags", "details", "bytes_received", "bytes_sent",
        "duration_ms", "upstream_service_time_ms", "x_forwarded_for", "user_agent", "request_id", "authority", "upstream_host",
        "upstream_cluster", "route_name", "tcp", "route", "target", "operation", "health_check", "inbound",
    ]

    /// One insert's worth of rows.
    package struct Batch: Sendable {
        /// The RowBinary body: ``RequestExport/columns``' values, row after row.
        package var body: [UInt8]
        package var rows: Int
        /// The greatest request id in the batch: the watermark once ClickHouse acknowledged it.
        package var lastID: Int64
    }

    package let database: RequestDatabase
    package let node: String
    private let dictionary = ExportDictionary.Shared()

    package init(database: RequestDatabase, node: String) {
        self.database = database
        self.node = node
    }

    /// `request`'s columns, in the order `read` and `writeRow` take them by index.
    private static let sql = """
        SELECT id, file_id, line, start_time, status, bytes_received, bytes_sent, duration_ms, upstream_service_time_ms,
               shape_id, user_agent_id, upstream_host_id, path, x_forwarded_for, request_id
        FROM request WHERE id > ? ORDER BY id
        """

    /// Up to `limit` rows with ids past `after`, oldest first; `nil` when there are none. Blocks: call it on a
    /// ``BlockingWorker``.
    package func batch(after: Int64, limit: Int) throws(StorageError) -> Batch? {
        var dictionary = self.dictionary.take()
        defer { self.dictionary.put(dictionary) }
        var node = RowBinaryWriter(capacity: self.node.utf8.count + 2)
        node.appendString(self.node)
        let nodeBytes = node.bytes
        do {
            return try database.pool.read { db in
                dictionary.beginRead()
                return try nodeBytes.withUnsafeBytes { node in try Self.read(db, after: after, limit: limit, node: node, dictionary: &dictionary) }
            }
        } catch {
            throw StorageError(error, operation: .read("requests to ship"), path: database.path)
        }
    }

    private static func read(_ db: Database, after: Int64, limit: Int, node: UnsafeRawBufferPointer, dictionary: inout ExportDictionary) throws -> Batch? {
        let fingerprints = try Self.fingerprints(db)
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_bind_int64(handle, 1, after)
        defer { sqlite3_reset(handle) }
        // 314 bytes a row on routelens-bench's log: room for most batches without growing.
        var writer = RowBinaryWriter(capacity: min(limit, 1 << 20) * 320)
        var rows = 0
        var lastID = after
        var file: (id: Int64, fingerprint: UInt64) = (-1, 0)
        while rows < limit {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            lastID = sqlite3_column_int64(handle, 0)
            // The view's inner join with request_shape: no shape, no row.
            guard let shapeID = integer(handle, 9), let shape = try dictionary.shape(shapeID, in: db) else { continue }
            let userAgent = try integer(handle, 10).flatMap { try dictionary.label($0, in: db) }
            let upstreamHost = try integer(handle, 11).flatMap { try dictionary.label($0, in: db) }
            let fileID = sqlite3_column_int64(handle, 1)
            if fileID != file.id { file = (fileID, fingerprints[fileID] ?? 0) }
            try dictionary.shapeBytes.withUnsafeBytes { shapes in
                try dictionary.labelBytes.withUnsafeBytes { labels in
                    try writeRow(
                        handle, node: node, file: file.fingerprint, shape: shape.bounds, userAgent: userAgent, upstreamHost: upstreamHost, shapes: shapes,
                        labels: labels, to: &writer
                    )
                }
            }
            rows += 1
        }
        return rows == 0 ? nil : Batch(body: writer.take(), rows: rows, lastID: lastID)
    }

    /// One row's columns in ``columns``' order: the request's own from the statement, its shape's and labels' as
    /// the dictionary encoded them (`shapes`, `labels`: its byte arrays).
    @inline(__always)
    private static func writeRow(
        _ handle: OpaquePointer, node: UnsafeRawBufferPointer, file: UInt64, shape bounds: (Int, Int, Int, Int, Int, Int), userAgent: Range<Int>?,
        upstreamHost: Range<Int>?, shapes: UnsafeRawBufferPointer, labels: UnsafeRawBufferPointer, to writer: inout RowBinaryWriter
    ) throws {
        writer.appendEncoded(node)
        writer.append(file)
        writer.append(UInt64(bitPattern: sqlite3_column_int64(handle, 2)))
        writer.appendNullable(integer(handle, 3))
        writer.appendEncoded(UnsafeRawBufferPointer(rebasing: shapes[bounds.0..<bounds.1]))
        try appendText(handle, 12, to: &writer)
        writer.appendEncoded(UnsafeRawBufferPointer(rebasing: shapes[bounds.1..<bounds.2]))
        if let status = integer(handle, 4) {
            writer.appendNotNull()
            // Int32 in ClickHouse: an HTTP status always fits.
            writer.append(Int32(truncatingIfNeeded: status))
        } else {
            writer.appendNull()
        }
        writer.appendEncoded(UnsafeRawBufferPointer(rebasing: shapes[bounds.2..<bounds.3]))
        for column: Int32 in 5...8 { writer.appendNullable(integer(handle, column)) }
        try appendText(handle, 13, to: &writer)
        appendLabel(userAgent, labels, to: &writer)
        try appendRequestID(handle, 14, to: &writer)
        writer.appendEncoded(UnsafeRawBufferPointer(rebasing: shapes[bounds.3..<bounds.4]))
        appendLabel(upstreamHost, labels, to: &writer)
        writer.appendEncoded(UnsafeRawBufferPointer(rebasing: shapes[bounds.4..<bounds.5]))
    }

    /// An integer column; `nil` for NULL.
    @inline(__always)
    private static func integer(_ handle: OpaquePointer, _ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    @inline(__always)
    private static func appendLabel(_ range: Range<Int>?, _ labels: UnsafeRawBufferPointer, to writer: inout RowBinaryWriter) {
        if let range { writer.appendEncoded(UnsafeRawBufferPointer(rebasing: labels[range])) } else { writer.appendNull() }
    }

    /// A text column as a `Nullable(String)`: the bytes SQLite holds.
    @inline(__always)
    private static func appendText(_ handle: OpaquePointer, _ column: Int32, to writer: inout RowBinaryWriter) throws {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else {
            writer.appendNull()
            return
        }
        writer.appendNotNull()
        writer.appendString(try bytes(handle, column))
    }

    /// A value's bytes: `sqlite3_column_blob` gives a text value's UTF-8 unconverted (an integer's as text), and a
    /// null pointer for an empty value or when SQLite ran out of memory making them.
    @inline(__always)
    private static func bytes(_ handle: OpaquePointer, _ column: Int32) throws -> UnsafeRawBufferPointer {
        let start = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let start else {
            guard count == 0 else { throw DatabaseError(resultCode: .SQLITE_NOMEM, message: "reading column \(column) of a request") }
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: start, count: count)
    }

    /// `request_id` as the view gives it: text as it is; a blob (a UUID stored as its 16 bytes) as
    /// `lower(hex(id))` with dashes after hex digits 8, 12, 16 and 20, exactly as the view's `substr`s cut it
    /// (whatever the blob's length).
    private static func appendRequestID(_ handle: OpaquePointer, _ column: Int32, to writer: inout RowBinaryWriter) throws {
        guard sqlite3_column_type(handle, column) == SQLITE_BLOB else {
            try appendText(handle, column, to: &writer)
            return
        }
        let blob = try bytes(handle, column)
        let length = 2 * blob.count + 4
        writer.appendNotNull()
        writer.appendLength(length)
        writer.appendUninitialized(count: length) { out in
            var position = 0
            var digits = 0
            func dash() {
                out[position] = UInt8(ascii: "-")
                position += 1
            }
            func hex(_ digit: UInt8) {
                if digits == 8 || digits == 12 || digits == 16 || digits == 20 { dash() }
                out[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                position += 1
                digits += 1
            }
            for byte in blob {
                hex(byte >> 4)
                hex(byte & 15)
            }
            while position < length { dash() }
        }
    }

    /// Each file's fingerprint: FNV-1a 64 of its first KiB (`source_file.head`), RouteLens's identity of a file.
    private static func fingerprints(_ db: Database) throws -> [Int64: UInt64] {
        var result: [Int64: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, head FROM source_file") {
            let head: [UInt8] = (row["head"] as DatabaseValue).storage.blobBytes
            result[row["id"]] = FileFingerprint.of(head)
        }
        return result
    }
}

extension DatabaseValue.Storage {
    fileprivate var blobBytes: [UInt8] {
        switch self {
        case .blob(let data): [UInt8](data)
        case .string(let text): Array(text.utf8)
        default: []
        }
    }
}

import Foundation
import GRDB
package import Storage

/// Committed request rows past a request id, read from SQLite and written as the JSONEachRow body of one ClickHouse
/// insert: every column of `request_view` but the local ids, plus the node and the line's identity (file, line).
///
/// JSONEachRow rather than RowBinary: 18.16 and current servers read it alike, a body can be read and replayed by
/// hand with curl when something goes wrong, and NULLs and strings need no per-type binary layout. The JSON is
/// written by hand into one byte buffer (no `JSONEncoder`, which allocates per value and was the cost of a batch).
package struct RequestExport: Sendable {
    /// The ClickHouse columns, in the order each row writes them; all but the first three come from request_view.
    package static let columns = [
        "node", "file", "line", "start_time", "method", "path", "protocol", "status", "flags", "details", "bytes_received", "bytes_sent",
        "duration_ms", "upstream_service_time_ms", "x_forwarded_for", "user_agent", "request_id", "authority", "upstream_host",
        "upstream_cluster", "route_name", "tcp", "route", "target", "operation", "health_check", "inbound",
    ]

    /// The columns of `request_view` that hold integers; the rest hold text (request ids as text too).
    static let integerColumns: Set<String> = [
        "start_time", "status", "bytes_received", "bytes_sent", "duration_ms", "upstream_service_time_ms", "tcp", "health_check", "inbound",
    ]

    /// One insert's worth of rows.
    package struct Batch: Sendable {
        package var body: [UInt8]
        package var rows: Int
        /// The greatest request id in the batch: the watermark once ClickHouse acknowledged it.
        package var lastID: Int64
    }

    package let database: RequestDatabase
    package let node: String

    package init(database: RequestDatabase, node: String) {
        self.database = database
        self.node = node
    }

    /// Up to `limit` rows with ids past `after`, oldest first; `nil` when there are none. Blocks: call it on a
    /// ``BlockingWorker``.
    package func batch(after: Int64, limit: Int) throws(StorageError) -> Batch? {
        let viewColumns = Self.columns.dropFirst(3)
        let sql = "SELECT id, file_id, line, \(viewColumns.joined(separator: ", ")) FROM request_view WHERE id > ? ORDER BY id LIMIT ?"
        do {
            return try database.pool.read { db in
                let fingerprints = try Self.fingerprints(db)
                var body: [UInt8] = []
                body.reserveCapacity(limit * 400)
                let nodePrefix = Array("{\"node\":".utf8) + JSONText.quoted(node) + Array(",\"file\":".utf8)
                let integral = viewColumns.map { Self.integerColumns.contains($0) }
                let lineKey = Array(",\"line\":".utf8)
                let keys = viewColumns.map { Array(",\"\($0)\":".utf8) }
                var rows = 0
                var lastID: Int64 = after
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: [after, limit])
                while let row = try cursor.next() {
                    lastID = row[0]
                    let fileID: Int64 = row[1]
                    let line: Int64 = row[2]
                    body.append(contentsOf: nodePrefix)
                    JSONText.append(fingerprints[fileID] ?? 0, to: &body)
                    body.append(contentsOf: lineKey)
                    JSONText.append(line, to: &body)
                    for (offset, key) in keys.enumerated() {
                        body.append(contentsOf: key)
                        let index = offset + 3
                        if row.hasNull(atIndex: index) {
                            body.append(contentsOf: [110, 117, 108, 108])
                        } else if integral[offset] {
                            JSONText.append(row[index] as Int64, to: &body)
                        } else {
                            // The text as SQLite holds it, without making a String of it.
                            try row.withUnsafeData(atIndex: index) { data in
                                data?.withUnsafeBytes { JSONText.appendQuoted($0, to: &body) }
                            }
                        }
                    }
                    body.append(UInt8(ascii: "}"))
                    body.append(UInt8(ascii: "\n"))
                    rows += 1
                }
                return rows == 0 ? nil : Batch(body: body, rows: rows, lastID: lastID)
            }
        } catch {
            throw StorageError(error, operation: .read("requests to ship"), path: database.path)
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

package import Foundation
package import GRDB

extension RequestDatabase {
    /// The files read before whose content starts with `head`, most recently read first. Usually none or one;
    /// more when different files begin alike (``SourceFile/tail`` tells them apart).
    package func sourceFiles(withHead head: Data, in db: Database) throws -> [SourceFile] {
        try SourceFile.order(Column("updated_at").desc, Column("id").desc).fetchAll(db).filter { $0.isSameFile(asHead: head) }
    }

    /// Every file read so far, in the order first seen.
    package func sourceFiles() throws(StorageError) -> [SourceFile] {
        do {
            return try pool.read { db in try SourceFile.order(Column("id")).fetchAll(db) }
        } catch {
            throw StorageError(error, operation: .read("listing the files read"), path: path)
        }
    }

    /// Runs `body` in one write transaction: what it writes is committed together or not at all.
    ///
    /// SQLite's errors are thrown as ``StorageError`` (operation `.write`); errors `body` throws
    /// itself pass through unchanged, after the rollback.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StorageError(error, operation: .write, path: path)
        }
    }

    /// Records a line that is not a record of the file's format, with why.
    ///
    /// The line is kept byte for byte: as text when it is UTF-8 without NUL, else as a blob (SQLite binds text up to
    /// its first NUL, which cut such lines short). A NUL in the reason is written `\0`.
    package static func insertRejectedLine(fileID: Int64, line: Int64, reason: String, text: [UInt8], in db: Database) throws {
        let storedText: any DatabaseValueConvertible =
            if !text.contains(0), let utf8 = String(validating: text, as: UTF8.self) { utf8 } else { Data(text) }
        try db.execute(
            sql: "INSERT OR REPLACE INTO rejected_line (file_id, line, reason, text) VALUES (?, ?, ?, ?)",
            arguments: [fileID, line, reason.replacingOccurrences(of: "\u{0}", with: "\\0"), storedText]
        )
    }
}

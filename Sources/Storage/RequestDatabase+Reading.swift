import Foundation
import GRDB

extension RequestDatabase {
    /// Opens an existing database to answer from it: what `query` and `status` do.
    ///
    /// Never creates a database (a mistyped `--db` would otherwise answer with an empty report), never writes to
    /// a file that is not RouteLens's (it is looked at read-only first), and works on a read-only file. A RouteLens
    /// database written by an older version is brought up to date when the file is writable; a read-only one must
    /// be upgraded by whoever can write it.
    ///
    /// - Throws: ``StorageError`` of kind `.missing` when there is no file at `path`, `.corrupt` when the file is not
    ///   a RouteLens database, `.readOnly` when it needs an upgrade it cannot be given.
    package init(readingAt path: String) throws(StorageError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError(.missing, operation: .open, path: path, detail: "no database at \(path)")
        }
        var configuration = Configuration()
        configuration.label = "routelens-read"
        configuration.readonly = true
        configuration.busyMode = .timeout(60)
        let state: (isRouteLens: Bool, isCurrent: Bool)
        do {
            // A queue, not a pool: it opens a file in any journal mode without changing it.
            let look = try DatabaseQueue(path: path, configuration: configuration)
            state = try look.read { db in
                (try db.tableExists("source_file") && db.tableExists("request"), try Self.migrator.hasCompletedMigrations(db))
            }
            try look.close()
        } catch {
            throw StorageError(error, operation: .open, path: path)
        }
        guard state.isRouteLens else {
            throw StorageError(.corrupt, operation: .open, path: path, detail: "not a RouteLens database (it has no source_file and request tables)")
        }
        guard state.isCurrent else {
            guard FileManager.default.isWritableFile(atPath: path) else {
                throw StorageError(
                    .readOnly, operation: .open, path: path,
                    detail: "the database was written by an older RouteLens and is read-only here, so it cannot be upgraded; run routelens ingest on it once with write access"
                )
            }
            try self.init(path: path)
            return
        }
        do {
            self.init(pool: try DatabasePool(path: path, configuration: configuration), path: path)
        } catch {
            throw StorageError(error, operation: .open, path: path)
        }
    }
}

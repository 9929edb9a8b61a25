package import GRDB

/// The SQLite database RouteLens keeps requests in: one row per request, the files they came from
/// with a checkpoint each, rejected lines, and the route table the requests were attributed with.
///
/// Opened as a WAL `DatabasePool`, so report queries never block ingest.
///
/// ```swift
/// let database = try RequestDatabase(path: "routelens.sqlite")
/// ```
package struct RequestDatabase: Sendable {
    /// Where `routelens` keeps its database unless `--db` says otherwise: `ROUTELENS_DB`, else
    /// `routelens.sqlite` in the working directory.
    package static var defaultPath: String {
        ProcessInfoEnvironment.value(of: "ROUTELENS_DB") ?? "routelens.sqlite"
    }

    package let pool: DatabasePool
    package let path: String

    package init(path: String) throws(StorageError) {
        var configuration = Configuration()
        configuration.label = "routelens"
        // WAL with synchronous=NORMAL survives any process crash with every committed transaction;
        // only a power loss can drop the last ones, never corrupt or half-apply them.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // GRDB opens a pool's write transactions IMMEDIATE: one takes the write lock before its first
        // read, so the checkpoint it reads is the one it commits against, even with another process writing.
        // A second writer waits up to a minute: long enough for a 50,000-line batch on a loaded machine.
        configuration.busyMode = .timeout(60)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
        self.path = path
    }
}

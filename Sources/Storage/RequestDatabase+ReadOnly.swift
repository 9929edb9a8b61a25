package import GRDB

extension RequestDatabase {
    /// Opens an existing database for reading only: the HTTP endpoint's connections, which must never write,
    /// migrate or take the write lock, so that a follow daemon (in the same process or another) writes on
    /// undisturbed. WAL readers see the last committed transaction and never block the writer.
    ///
    /// Fails with ``StorageError/cannotOpen(path:reason:)`` when the file does not exist or is not a
    /// RouteLens database (no `request` table): nothing is created.
    package init(readOnlyPath path: String, maximumReaders: Int = 4) throws(StorageError) {
        var configuration = Configuration()
        configuration.label = "routelens-read-only"
        configuration.readonly = true
        configuration.maximumReaderCount = maximumReaders
        // A reader waits for a checkpoint's brief lock rather than failing a request.
        configuration.busyMode = .timeout(5)
        let pool: DatabasePool
        let isRouteLens: Bool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            isRouteLens = try pool.read { db in try db.tableExists("request") && db.tableExists("request_shape") }
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
        guard isRouteLens else {
            throw StorageError.cannotOpen(path: path, reason: "not a RouteLens database, or one older than this version (run routelens ingest on it first)")
        }
        self.pool = pool
        self.path = path
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import GRDB

/// The SQLite database RouteLens keeps requests in: one row per request, the files they came from
/// with a checkpoint each, rejected lines, and the versions of the route weights the split report tests against.
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

    /// Page cache per connection, in KiB: twice a batch's dirty pages, and no more, for resident memory.
    static let cacheKiB = 16 << 10

    /// WAL pages past which a committing connection checkpoints what background checkpoints left, so that
    /// the next transaction starts the WAL over.
    static let autocheckpointPages = 16384

    package let pool: DatabasePool
    package let path: String

    package init(path: String) throws(StorageError) {
        var configuration = Configuration()
        configuration.label = "routelens"
        // WAL with synchronous=NORMAL survives any process crash with every committed transaction;
        // only a power loss can drop the last ones, never corrupt or half-apply them.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A batch's dirty pages (about 8 MiB for 50,000 rows) must fit in the cache: past SQLite's
            // default 2 MiB it spills pages to the WAL mid-transaction and writes them again at commit.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
            // Checkpoint at 64 MiB of WAL, not SQLite's 4 MiB: every checkpoint fsyncs the WAL and the
            // database, and at 4 MiB each 50,000-row commit paid one (500k lines: 3.0 s became 2.1-2.5 s).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
            HistogramFunctions.register(on: db)
        }
        // GRDB opens a pool's write transactions IMMEDIATE: one takes the write lock before its first
        // read, so the checkpoint it reads is the one it commits against, even with another process writing.
        // A second writer waits up to a minute: long enough for a batch to commit on a loaded machine.
        configuration.busyMode = .timeout(60)
        do {
            pool = try Self.openAndMigrate(path: path, configuration: configuration)
        } catch {
            throw StorageError(error, operation: .open, path: path)
        }
        self.path = path
    }

    /// A database already opened.
    init(pool: DatabasePool, path: String) {
        self.pool = pool
        self.path = path
    }

    /// Opens the pool and brings the schema up to date. Two processes opening a new database at once (a
    /// daemon and a one-shot ingest, or `status`) race: the loser's switch to WAL finds the file locked
    /// (SQLite does not wait for that lock), or both decide a migration is pending and the loser's `CREATE`
    /// fails once the winner committed. A second attempt finds WAL and the migrations in place.
    private static func openAndMigrate(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempts = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try migrator.migrate(pool)
                return pool
            } catch {
                attempts += 1
                if attempts >= 5 { throw error }
                usleep(100_000)
            }
        }
    }
}

extension RequestDatabase {
    /// Starts checkpointing the WAL on a thread of its own for a stretch of many commits: an `ingest`
    /// command or daemon. Call `stop()` when it ends. `nil` when it cannot start; the writer's automatic
    /// checkpoints then do all the work, as they do the rest at any time.
    package func startBackgroundCheckpoints() -> WALCheckpointer? {
        WALCheckpointer(path: path)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite
import GRDB
import Foundation

/// Copies the write-ahead log into the database on a thread and connection of its own, so the ingest
/// writer never stops for a checkpoint's copying and fsyncs. Started once per `ingest` command or
/// daemon (``RequestDatabase/startBackgroundCheckpoints()``), stopped when it ends.
///
/// SQLite checkpoints in the connection that commits once the WAL passes `wal_autocheckpoint` pages: on
/// routelens-bench's 2M lines that stopped the writer for 1.1-1.4 s of 5.2 s. A `PASSIVE` checkpoint never
/// waits for the writer nor blocks it, and readers keep reading; what it cannot copy yet (frames of a
/// transaction in progress) the next one copies.
///
/// Not a GRDB connection: GRDB's pool serialises its writer's work and opens its readers read-only, and a
/// checkpoint needs a read-write connection of its own. A class, for its identity: one thread, one connection.
package final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `connection` is used only by the checkpointing thread between `init` and `stop()`, which
    // waits for that thread to end before closing it; `stopping` is guarded by `condition`.
    private let connection: OpaquePointer
    private let database: RequestDatabase
    private let condition = NSCondition()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    /// How often the thread checkpoints while ingest writes.
    static let interval = 0.05

    /// Opens a connection to `database` and starts checkpointing, then turns the writer's automatic
    /// checkpoints off; `nil` when the connection cannot be opened or the writer not switched over, and the
    /// writer's own checkpoints go on as before.
    init?(database: RequestDatabase) {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(database.path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let connection else {
            sqlite3_close(connection)
            return nil
        }
        guard (try? database.pool.writeWithoutTransaction({ db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") })) != nil else {
            sqlite3_close(connection)
            return nil
        }
        sqlite3_exec(connection, "PRAGMA synchronous = NORMAL", nil, nil, nil)
        self.connection = connection
        self.database = database
        let thread = Thread { [self] in
            defer { finished.signal() }
            condition.lock()
            while !stopping {
                condition.unlock()
                sqlite3_wal_checkpoint_v2(self.connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                condition.lock()
                if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Self.interval)) }
            }
            condition.unlock()
        }
        thread.name = "routelens-checkpoint"
        thread.start()
    }

    /// Stops the thread after the checkpoint in progress, if any, closes the connection and turns the
    /// writer's automatic checkpoints back on. Later calls do nothing.
    package func stop() {
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.signal()
        condition.unlock()
        guard !wasStopping else { return }
        finished.wait()
        sqlite3_close(connection)
        try? database.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(RequestDatabase.autocheckpointPages)")
        }
    }
}

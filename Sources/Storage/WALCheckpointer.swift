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
/// routelens-bench's 2M lines that stopped the writer for 1.1-1.4 s of 5.2 s. Here a `PASSIVE` checkpoint
/// copies what is committed without waiting for the writer or blocking it, and readers keep reading. A
/// WAL only starts over when a checkpoint has copied all of it before the writer's next transaction, which
/// a steady writer never allows (the WAL grew to 149 MB over the benchmark's 172 MB database): once it
/// passes ``restartFrames``, this thread runs a `RESTART` checkpoint, which waits for the transaction in
/// progress, copies the little the passive ones left, and holds the next one back only that long.
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
    /// WAL frames (pages) past which the WAL is started over: 64 MiB, SQLite's automatic checkpoint size here.
    static let restartFrames = Int32(RequestDatabase.autocheckpointPages)

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
        // A RESTART checkpoint waits for the writer's transaction in progress, as a second writer would.
        sqlite3_busy_timeout(connection, 60_000)
        self.connection = connection
        self.database = database
        let thread = Thread { [self] in
            defer { finished.signal() }
            condition.lock()
            while !stopping {
                condition.unlock()
                var (frames, copied): (Int32, Int32) = (0, 0)
                sqlite3_wal_checkpoint_v2(self.connection, nil, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied)
                if frames >= Self.restartFrames {
                    sqlite3_wal_checkpoint_v2(self.connection, nil, SQLITE_CHECKPOINT_RESTART, nil, nil)
                }
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite
import Foundation

/// Copies the write-ahead log into the database on a thread and connection of its own, so the ingest
/// writer rarely stops for a checkpoint's copying and fsyncs. Started once per `ingest` command or daemon
/// (``RequestDatabase/startBackgroundCheckpoints()``), stopped when it ends.
///
/// SQLite checkpoints in the connection that commits once the WAL passes `wal_autocheckpoint` pages: on
/// routelens-bench's 2M lines that stopped the writer for 1.1-1.4 s of 5.2 s. Here a `PASSIVE` checkpoint
/// copies what is committed every ``interval`` without waiting for the writer or blocking it, and readers
/// keep reading. The writer keeps its own automatic checkpoint: a WAL starts over only after a checkpoint
/// copied all of it before the writer's next transaction, which a steady writer never leaves time for
/// (without it the WAL grew to 149 MB over the benchmark's 172 MB database). When it is due, this thread
/// has copied nearly everything, so it costs the writer the last few pages and an fsync.
///
/// Not a GRDB connection: GRDB's pool serialises its writer's work and opens its readers read-only, and a
/// checkpoint needs a read-write connection of its own. A class, for its identity: one thread, one connection.
package final class WALCheckpointer: @unchecked Sendable {
    // @unchecked: `connection` is used only by the checkpointing thread between `init` and `stop()`, which
    // waits for that thread to end before closing it; `stopping` is guarded by `condition`.
    private let connection: OpaquePointer
    private let condition = NSCondition()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    /// How often the thread checkpoints while ingest writes.
    static let interval = 0.05

    /// Opens a connection to the database at `path` and starts checkpointing; `nil` when it cannot be
    /// opened, and the writer's own checkpoints do all the work, as they did before.
    init?(path: String) {
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let connection else {
            sqlite3_close(connection)
            return nil
        }
        sqlite3_exec(connection, "PRAGMA synchronous = NORMAL", nil, nil, nil)
        self.connection = connection
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

    /// Stops the thread after the checkpoint in progress, if any, and closes the connection. Later calls do
    /// nothing.
    package func stop() {
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.signal()
        condition.unlock()
        guard !wasStopping else { return }
        finished.wait()
        sqlite3_close(connection)
    }
}

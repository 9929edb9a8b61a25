import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

extension VolumeTests {
    @Suite("Stopping the daemon while it starts", .timeLimit(.minutes(1)))
    struct StartupSignalTests {
        @Test("SIGTERM while the daemon waits for its database to open exits 0 once it can, reading nothing")
        func sigtermWhileOpening() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(SequencedLine.text(0..<10), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            // Another process holds the new database's exclusive lock, so the daemon's start-up waits in it.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = [
                "python3", "-c",
                "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(3); c.execute('ROLLBACK')",
                database,
            ]
            let locked = Pipe()
            holder.standardOutput = locked
            try holder.run()
            _ = locked.fileHandleForReading.availableData  // "locked": the lock is held from here on

            let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
            try await Task.sleep(for: .milliseconds(700))
            let termination = await daemon.stop(within: .seconds(20))
            holder.waitUntilExit()
            #expect(termination == .exited(0), "\(daemon.log)")
            #expect(daemon.log.contains("stopped by a signal while starting"), "\(daemon.log)")
        }
    }
}

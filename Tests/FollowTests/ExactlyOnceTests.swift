import Foundation
import TestSupport
import Testing

extension VolumeTests {
    /// Exactly once when the same lines reach the database by two ways: a copy of a file already read, or
    /// a second reader of the same files.
    @Suite("Exactly once against copies and concurrent readers", .timeLimit(.minutes(2)))
    struct ExactlyOnceTests {
        /// Done by hand, so the copy can be made to end before the daemon's checkpoint: with logrotate and a
        /// live writer that happens when the daemon reads lines written after the copy, before the truncate.
        @Test("A copytruncate copy that kept less than the daemon had already read adds nothing, and the truncated log's new lines are read once")
        func copyShorterThanCheckpoint() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            let log = logs + "/access.log"
            try LogFile.write(SequencedLine.text(0..<100), to: log)
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
            _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }

            try LogFile.write(SequencedLine.text(0..<80), to: log + ".1")
            try LogFile.write("", to: log)
            try LogFile.append(SequencedLine.text(100..<150), to: log)
            // The copy is older than the new lines, and the daemon reads oldest first.
            let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 150 }) { try stored.count() }
            #expect(rows == 150, "\(daemon.log)")
            let termination = await daemon.stop()
            #expect(termination == .exited(0), "\(daemon.log)")
            let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<150)
            #expect(coverage.isExact, "\(coverage)")
        }

        @Test("A copy of a file already read, under another name, adds nothing")
        func copyOfAFileAlreadyRead() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(SequencedLine.text(0..<100), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
            _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }

            try FileManager.default.copyItem(atPath: logs + "/access.log", toPath: logs + "/backup.log")
            try LogFile.write(SequencedLine.text(100..<110), to: logs + "/later.log")
            let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 110 }) { try stored.count() }
            #expect(rows == 110, "\(daemon.log)")
            let termination = await daemon.stop()
            #expect(termination == .exited(0), "\(daemon.log)")
            let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<110)
            #expect(coverage.isExact, "\(coverage)")
        }

        /// An operator running `routelens ingest` by hand on the files the daemon follows, or a restart whose
        /// new daemon starts before the old one has exited. Both start together, so both find the file
        /// before either has committed its first transaction.
        @Test("A one-shot ingest of the same 100k lines started with the daemon stores each line once")
        func concurrentOneShotIngest() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(SequencedLine.text(0..<100_000), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
            let oneShot = try await RouteLens.run(["ingest", "--db", database, "--format", "envoy", logs], in: directory)
            #expect(oneShot.termination == .exited(0), "\(oneShot.standardError)")

            let linesRead = try await daemon.watch(within: .seconds(60), until: { $0 >= 100_000 }) { try stored.linesRead() }
            #expect(linesRead == 100_000, "\(daemon.log)")
            let termination = await daemon.stop()
            #expect(termination == .exited(0), "\(daemon.log)")
            let storedRows = try stored.count()
            #expect(storedRows == 100_000)
            let duplicated = try stored.duplicatedRequestIDs()
            #expect(duplicated.isEmpty, "\(duplicated.count) request ids stored more than once")
        }
    }
}

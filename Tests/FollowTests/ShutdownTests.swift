import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LogSynthesis
import Testing

extension VolumeTests {
    /// SIGTERM and SIGINT stop the daemon after the batch in hand is committed, with exit status 0.
    @Suite("Stopping the daemon", .timeLimit(.minutes(2)))
    struct ShutdownTests {
        @Test("SIGTERM in the middle of a 200k-line backfill exits 0 within 5 s, long before the backfill would end, and a restart finishes with exact counts")
        func sigtermDuringBackfill() async throws {
            let log = try await GeneratedLog.shop()
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(log.text, to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)

            let interrupted = try FollowDaemon(database: database, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
            let started = try await interrupted.watch(within: .seconds(60), until: { $0 >= 20_000 }) { try stored.linesRead() }
            try #require(started >= 20_000, "\(interrupted.log)")
            // Still running, it would race the restarted daemon below; the test stops here and kills it.
            let interruption = await interrupted.stop(within: .seconds(5))
            try #require(interruption == .exited(0), "\(interrupted.log)")
            let linesAtExit = try stored.linesRead()
            #expect(linesAtExit < log.lineEnds.count)

            let restarted = try FollowDaemon(database: database, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
            let linesRead = try await restarted.watch(within: .seconds(60), until: { $0 >= log.lineEnds.count }) { try stored.linesRead() }
            #expect(linesRead == log.lineEnds.count, "\(restarted.log)")
            let termination = await restarted.stop()
            #expect(termination == .exited(0), "\(restarted.log)")
            let storedRows = try stored.count()
            #expect(storedRows == log.truth.httpRequests + log.truth.tcpRecords)
            let rejected = try stored.rejectedCount()
            #expect(rejected == log.truth.malformedLines)
            let duplicated = try stored.duplicatedRequestIDs()
            #expect(duplicated.isEmpty, "\(duplicated.count) request ids stored more than once")
        }

        @Test("SIGINT while following exits 0 with every line read so far committed")
        func sigintWhileFollowing() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(SequencedLine.text(0..<100), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
            _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }
            try LogFile.append(SequencedLine.text(100..<200), to: logs + "/access.log")
            _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 200 }) { try stored.count() }

            let termination = await daemon.stop(with: SIGINT)
            #expect(termination == .exited(0), "\(daemon.log)")
            let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<200)
            #expect(coverage.isExact, "\(coverage)")
        }

        @Test("SIGTERM between two polls 60 s apart exits 0 within 5 s")
        func sigtermWhileIdle() async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            try LogFile.write(SequencedLine.text(0..<10), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            let daemon = try FollowDaemon(database: database, paths: [logs], pollInterval: "60", in: directory)
            let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 10 }) { try stored.count() }
            try #require(rows == 10, "\(daemon.log)")

            let termination = await daemon.stop(within: .seconds(5))
            #expect(termination == .exited(0), "\(daemon.log)")
        }
    }
}

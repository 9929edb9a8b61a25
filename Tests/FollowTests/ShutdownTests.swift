#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LogSynthesis
import Testing

/// SIGTERM and SIGINT stop the daemon after the batch in hand is committed, with exit status 0.
@Suite("Stopping the daemon", .timeLimit(.minutes(2)))
struct ShutdownTests {
    @Test("SIGTERM in the middle of a 200k-line backfill exits 0 within 5 s, long before the backfill would end, and a restart finishes with exact counts")
    func sigtermDuringBackfill() async throws {
        let log = try GeneratedLog.shop.get()
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write(log.text, to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)

        let interrupted = try FollowDaemon(database: database, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
        let started = try await interrupted.watch(within: .seconds(60), until: { $0 >= 20_000 }) { try stored.linesRead() }
        try #require(started >= 20_000, "\(interrupted.log)")
        #expect(await interrupted.stop(within: .seconds(5)) == .exited(0), "\(interrupted.log)")
        let linesAtExit = try stored.linesRead()
        #expect(linesAtExit < log.lineEnds.count)

        let restarted = try FollowDaemon(database: database, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
        let linesRead = try await restarted.watch(within: .seconds(60), until: { $0 >= log.lineEnds.count }) { try stored.linesRead() }
        #expect(linesRead == log.lineEnds.count, "\(restarted.log)")
        #expect(await restarted.stop() == .exited(0), "\(restarted.log)")
        #expect(try stored.count() == log.truth.httpRequests + log.truth.tcpRecords)
        #expect(try stored.rejectedCount() == log.truth.malformedLines)
        #expect(try stored.duplicatedRequestIDs().isEmpty)
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

        #expect(await daemon.stop(with: SIGINT) == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<200)
        #expect(coverage.isExact, "\(coverage)")
    }
}

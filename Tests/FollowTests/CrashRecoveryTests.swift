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
    /// `kill -9` can land anywhere, between two statements of a transaction included; a restarted daemon
    /// resumes from the last committed checkpoint, so nothing is lost and nothing is read twice.
    @Suite("Recovering from kill -9", .timeLimit(.minutes(3)))
    struct CrashRecoveryTests {
        /// Lines 0..<80k gzip-compressed in two members, 80k..<140k plain, 140k..<150k in the live log; the
        /// next 49k are appended to the live log at about 10k lines/s while the daemon follows, the last 1k
        /// once the final daemon runs.
        static let backfillLines = 150_000

        @Test("Killed 12 times (6 in backfill, 6 while following appends), restarted each time: counts per route equal the truth, no request is stored twice, and every rollup counts each stored request once")
        func killedAtRandomInstants() async throws {
            let log = try await GeneratedLog.shop()
            let total = log.lineEnds.count
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            let firstMember = try await LogFile.gzip(log.bytes(0..<40_000), in: directory)
            let secondMember = try await LogFile.gzip(log.bytes(40_000..<80_000), in: directory)
            try LogFile.write(firstMember + secondMember, to: logs + "/access.log.2.gz")
            try LogFile.write(log.bytes(80_000..<140_000), to: logs + "/access.log.1")
            try LogFile.write(log.bytes(140_000..<Self.backfillLines), to: logs + "/access.log")
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)

            // Each kill comes at a random line count in its own sixth of the phase, then 0-30 ms later, so
            // every kill falls inside the phase whatever the machine's speed.
            for slot in 0..<6 {
                let sixth = Self.backfillLines / 6
                try await killOnce(afterLines: slot * sixth + Int.random(in: 1_000..<(sixth - 1_000)), stored: stored, logs: logs, in: directory)
            }
            // The last 1,000 lines wait for the final daemon, so it is surely following when it is stopped.
            let finalStretch = (total - 1_000)..<total
            let writer = PacedLogWriter(path: logs + "/access.log", linesPerBatch: 500, intervalMicroseconds: 50_000) { index in
                let line = Self.backfillLines + index
                return line < finalStretch.lowerBound ? Array(log.bytes(line..<(line + 1))) : nil
            }
            writer.start()
            for slot in 0..<6 {
                let sixth = (finalStretch.lowerBound - Self.backfillLines) / 6
                try await killOnce(afterLines: Self.backfillLines + slot * sixth + Int.random(in: 500..<(sixth - 500)), stored: stored, logs: logs, in: directory)
            }
            _ = try await poll(within: .seconds(60), until: { $0 }) { writer.isFinished }
            #expect(writer.failure == nil)

            let daemon = try FollowDaemon(database: database, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
            try LogFile.append(log.bytes(finalStretch), to: logs + "/access.log")
            let linesRead = try await daemon.watch(within: .seconds(120), until: { $0 >= total }) { try stored.linesRead() }
            #expect(linesRead == total, "\(daemon.log)")
            let termination = await daemon.stop()
            #expect(termination == .exited(0), "\(daemon.log)")

            let duplicated = try stored.duplicatedRequestIDs()
            #expect(duplicated.isEmpty, "\(duplicated.count) request ids stored more than once")
            let storedRows = try stored.count()
            #expect(storedRows == log.truth.httpRequests + log.truth.tcpRecords)
            // Rollups are written in the transaction that stores the rows: each minute, hour and day counts them once.
            let rolledUp = try stored.rollupRequests()
            #expect(rolledUp == [60_000: storedRows, 3_600_000: storedRows, 86_400_000: storedRows])
            #expect(try stored.rollupMismatches() == 0)
            let rejected = try stored.rejectedCount()
            #expect(rejected == log.truth.malformedLines)
            let report = try await RouteLens.errors(database: database, in: directory)
            #expect(Set(report.routes.map(\.route)) == Set(log.truth.routes.keys))
            for row in report.routes {
                let expected = try #require(log.truth.routes[row.route])
                #expect(row.requests == expected.requests, "\(row.route)")
                #expect(row.errors5xx == expected.errors5xx, "\(row.route)")
                #expect(row.errors4xx == expected.errors4xx, "\(row.route)")
            }
        }

        /// Starts the daemon on `logs`, waits until its checkpoints count at least `lines`, waits 0-30 ms more
        /// and kills it with SIGKILL.
        private func killOnce(afterLines lines: Int, stored: StoredRequests, logs: String, in directory: TemporaryDirectory) async throws {
            let daemon = try FollowDaemon(database: stored.path, options: GeneratedLog.ingestOptions, paths: [logs], in: directory)
            let reached = try await daemon.watch(within: .seconds(60), until: { $0 >= lines }) { try stored.linesRead() }
            try #require(reached >= lines, "the daemon read \(reached) lines, not the \(lines) to kill it at; its log:\n\(daemon.log)")
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...30)))
            let termination = await daemon.stop(with: SIGKILL)
            #expect(termination == .signalled(SIGKILL))
        }
    }
}

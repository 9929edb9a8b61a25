import Foundation
import TestSupport
import Testing

/// Compressed logs as logrotate and proxies leave them, read by the daemon.
@Suite("Following gzip files", .timeLimit(.minutes(1)))
struct GzipFollowTests {
    @Test("A .gz of three members is read whole: 1,000 lines, each once")
    func multiMember() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        var compressed: [UInt8] = []
        for part in [0..<300, 300..<600, 600..<1_000] {
            compressed += try await LogFile.gzip(Array(SequencedLine.text(part).utf8), in: directory)
        }
        try LogFile.write(compressed, to: logs + "/access.log.1.gz")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)

        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 1_000 }) { try stored.count() }
        #expect(rows == 1_000, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<1_000)
        #expect(coverage.isExact, "\(coverage)")
    }

    @Test("A .gz written half, partly read by the daemon, then completed: no partial line is counted and all 5,000 lines are stored once")
    func truncatedThenCompleted() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        let path = logs + "/access.log.1.gz"
        let compressed = try await LogFile.gzip(Array(SequencedLine.text(0..<5_000).utf8), in: directory)
        let cut = compressed.count / 2
        try LogFile.write(compressed[..<cut], to: path)
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        let seen = try await daemon.watch(within: .seconds(30), until: { ($0?.lines ?? 0) > 0 }) {
            try await RouteLens.status(database: database, in: directory).file(at: path)
        }
        try #require((seen?.lines ?? 0) > 0, "the daemon read nothing of the half-written file; its log:\n\(daemon.log)")

        try LogFile.append(compressed[cut...], to: path)
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 5_000 }) { try stored.count() }
        #expect(rows == 5_000, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let rejected = try stored.rejectedCount()
        #expect(rejected == 0)
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<5_000)
        #expect(coverage.isExact, "\(coverage)")
    }

    @Test("The 100 lines before a corrupt gzip member are kept, and status gives the reason in last_error")
    func corruptMemberKeepsLinesBefore() async throws {
        let directory = try TemporaryDirectory()
        let (logs, database) = try await Self.corruptMemberFixture(in: directory)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        let corrupt = logs + "/access.log.1.gz"

        let file = try await daemon.watch(within: .seconds(30), until: { $0?.lastError != nil }) {
            try await RouteLens.status(database: database, in: directory).file(at: corrupt)
        }
        #expect(file?.records == 100, "\(daemon.log)")
        #expect(file?.lastError?.contains("corrupt gzip member") == true, "last_error: \(file?.lastError ?? "nil")")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
    }

    @Test("After a corrupt gzip member the daemon keeps running and reads the other files, old and new lines alike")
    func corruptMemberDoesNotStopTheDaemon() async throws {
        let directory = try TemporaryDirectory()
        let (logs, database) = try await Self.corruptMemberFixture(in: directory)
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 300 }) { try stored.count() }

        try LogFile.append(SequencedLine.text(1_200..<1_250), to: logs + "/access.log")
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 350 }) { try stored.count() }
        #expect(rows == 350, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let ids = try stored.requestIDs()
        #expect(SequenceCoverage(requestIDs: ids, expected: 0..<100).missing.isEmpty)
        #expect(SequenceCoverage(requestIDs: ids, expected: 1_000..<1_250).missing.isEmpty)
    }

    /// `logs/access.log.1.gz`: a member of lines 0..<100, then a member of lines 100..<600 whose deflate
    /// data is damaged; `logs/access.log`: lines 1,000..<1,200.
    private static func corruptMemberFixture(in directory: TemporaryDirectory) async throws -> (logs: String, database: String) {
        let logs = try directory.subdirectory("logs")
        let good = try await LogFile.gzip(Array(SequencedLine.text(0..<100).utf8), in: directory)
        var damaged = try await LogFile.gzip(Array(SequencedLine.text(100..<600).utf8), in: directory)
        for index in 12..<40 { damaged[index] ^= 0xFF }
        try LogFile.write(good + damaged, to: logs + "/access.log.1.gz")
        try LogFile.write(SequencedLine.text(1_000..<1_200), to: logs + "/access.log")
        return (logs, directory.path("routelens.sqlite"))
    }
}

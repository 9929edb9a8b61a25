import Foundation
import TestSupport
import Testing

/// `routelens status --output json` while and after the daemon follows a file.
@Suite("Status of followed files", .timeLimit(.minutes(1)))
struct StatusTests {
    @Test("A file read to its end shows its checkpoint at its size, no lag and no error")
    func caughtUp() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        let log = logs + "/access.log"
        let text = SequencedLine.text(0..<100)
        try LogFile.write(text, to: log)
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }

        let status = try await RouteLens.status(database: database, in: directory)
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let file = try #require(status.file(at: log))
        #expect(file.offset == text.utf8.count)
        #expect(file.size == text.utf8.count)
        #expect(file.lines == 100 && file.records == 100 && file.rejected == 0)
        #expect(file.lagBytes == 0)
        #expect(file.lagSeconds == 0)
        #expect(file.format == "envoy")
        #expect(file.lastError == nil)
    }

    @Test("Lines appended while the daemon is stopped show as lag_bytes of exactly their size")
    func lagWhileStopped() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        let log = logs + "/access.log"
        try LogFile.write(SequencedLine.text(0..<100), to: log)
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }
        let termination = await daemon.stop()
        try #require(termination == .exited(0), "\(daemon.log)")

        let appended = SequencedLine.text(100..<110)
        try LogFile.append(appended, to: log)
        let file = try #require(try await RouteLens.status(database: database, in: directory).file(at: log))
        #expect(file.lagBytes == appended.utf8.count)
        #expect(file.size == file.offset + appended.utf8.count)
        #expect(file.lines == 100)
    }
}

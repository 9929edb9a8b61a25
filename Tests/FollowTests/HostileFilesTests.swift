import Foundation
import TestSupport
import Testing

/// Files a log directory really contains besides well-formed logs; none of them stops the daemon.
@Suite("Following hostile files", .timeLimit(.minutes(1)))
struct HostileFilesTests {
    @Test("A file deleted while followed keeps its 300 stored lines, and the daemon goes on to read a new file")
    func deletedWhileFollowed() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write(SequencedLine.text(0..<300), to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 300 }) { try stored.count() }

        try FileManager.default.removeItem(atPath: logs + "/access.log")
        try LogFile.write(SequencedLine.text(300..<500), to: logs + "/next.log")
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 500 }) { try stored.count() }
        #expect(rows == 500, "\(daemon.log)")
        let status = try await RouteLens.status(database: database, in: directory)
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<500)
        #expect(coverage.isExact, "\(coverage)")
        let deleted = try #require(status.file(at: logs + "/access.log"))
        #expect(deleted.size == nil && deleted.lagBytes == nil)
    }

    @Test("A log file that does not exist yet when the daemon starts is read once it appears")
    func notYetCreated() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write(SequencedLine.text(0..<10), to: logs + "/other.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs + "/access.log", logs + "/other.log"], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 10 }) { try stored.count() }

        try LogFile.write(SequencedLine.text(10..<60), to: logs + "/access.log")
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 60 }) { try stored.count() }
        #expect(rows == 60, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<60)
        #expect(coverage.isExact, "\(coverage)")
    }

    @Test("A 100k-line file deleted while the daemon is reading it is still read to its end, each line once")
    func deletedWhileRead() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write(SequencedLine.text(0..<100_000), to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 > 0 }) { try stored.linesRead() }

        try FileManager.default.removeItem(atPath: logs + "/access.log")
        let linesRead = try await daemon.watch(within: .seconds(30), until: { $0 >= 100_000 }) { try stored.linesRead() }
        #expect(linesRead == 100_000, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<100_000)
        #expect(coverage.isExact, "\(coverage)")
    }

    @Test("A 5 MiB line is rejected, the 200 lines around it are stored, and the daemon's peak memory stays under 64 MiB")
    func fiveMebibyteLine() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        // A well-formed line but for its length: only a limit on line length can reject it.
        let huge = #"[2026-11-26T10:00:00.000Z] "GET /"# + String(repeating: "a", count: 5 << 20)
            + #" HTTP/1.1" 200 - 0 1532 23 21 "10.1.4.12" "curl/8.5.0" "huge" "shop.example.com" "10.1.2.7:8080""# + "\n"
        try LogFile.write(SequencedLine.text(0..<100) + huge + SequencedLine.text(100..<200), to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)

        let linesRead = try await daemon.watch(within: .seconds(30), until: { $0 >= 201 }) { try stored.linesRead() }
        #expect(linesRead == 201, "\(daemon.log)")
        let peak = try daemon.peakResidentBytes()
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<200)
        #expect(coverage.isExact, "\(coverage)")
        let rejected = try stored.rejectedCount()
        #expect(rejected == 1)
        #expect(peak < 64 << 20, "peak resident memory \(peak >> 20) MiB")
    }

    @Test("Invalid UTF-8 inside a line's fields is stored as U+FFFD; a line of nothing but invalid bytes is rejected; the lines around both are kept")
    func invalidUTF8() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        let around = SequencedLine.text(1).components(separatedBy: "/seq/1 ")
        var content = Array(SequencedLine.text(0).utf8)
        content += Array((around[0] + "/seq/1").utf8) + [0xFF, 0xFE] + Array((" " + around[1]).utf8)
        content += [0xFF, 0xFE, 0xC3, 0x0A]
        content += Array(SequencedLine.text(2).utf8)
        try LogFile.write(content, to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)

        let linesRead = try await daemon.watch(within: .seconds(30), until: { $0 >= 4 }) { try stored.linesRead() }
        #expect(linesRead == 4, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        #expect(SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<3).isExact)
        let rejected = try stored.rejectedCount()
        #expect(rejected == 1)
        let path = try stored.requestPath(of: "seq-1")
        #expect(path == "/seq/1\u{FFFD}\u{FFFD}")
    }

    @Test("An empty file is waited on: lines appended to it later, first under 1 KiB then past it, are stored once each")
    func emptyFile() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        let empty = logs + "/access.log"
        try LogFile.write("", to: empty)
        try LogFile.write(SequencedLine.text(0..<10), to: logs + "/other.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 10 }) { try stored.count() }

        try LogFile.append(SequencedLine.text(10..<12), to: empty)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 12 }) { try stored.count() }
        try LogFile.append(SequencedLine.text(12..<32), to: empty)
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 32 }) { try stored.count() }
        #expect(rows == 32, "\(daemon.log)")
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<32)
        #expect(coverage.isExact, "\(coverage)")
    }

    /// Without `--format`, each file's format is detected; a README and a binary blob match no preset.
    @Test("A README and a binary blob beside the log are reported, not fatal: the log's lines, old and appended, are all stored")
    func unrelatedFiles() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write("This directory holds the gateway's access logs.\nThey rotate daily.\n", to: logs + "/README")
        var generator = SystemRandomNumberGenerator()
        try LogFile.write((0..<4_096).map { _ in UInt8.random(in: 0...255, using: &generator) }, to: logs + "/core.bin")
        try LogFile.write(SequencedLine.text(0..<100), to: logs + "/access.log")
        let database = directory.path("routelens.sqlite")
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: database, options: [], paths: [logs], in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 100 }) { try stored.count() }

        try LogFile.append(SequencedLine.text(100..<150), to: logs + "/access.log")
        let rows = try await daemon.watch(within: .seconds(30), until: { $0 >= 150 }) { try stored.count() }
        #expect(rows == 150, "\(daemon.log)")
        // Reported on standard error or as the file's last_error in status; either tells the operator.
        let status = try await RouteLens.status(database: database, in: directory)
        for unrelated in ["README", "core.bin"] {
            let path = logs + "/" + unrelated
            #expect(daemon.log.contains(path) || status.file(at: path)?.lastError != nil, "\(unrelated) not reported; daemon log:\n\(daemon.log)")
        }
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        #expect(SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<150).isExact)
    }

    /// `--db routelens.sqlite` run from inside the followed directory: the database, its `-wal` and
    /// `-shm` are files of that directory under another spelling of their paths.
    @Test("The daemon never reads its own database, named relative to a working directory inside the followed directory")
    func ownDatabaseInFollowedDirectory() async throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try LogFile.write(SequencedLine.text(0..<50), to: logs + "/access.log")
        let database = logs + "/routelens.sqlite"
        let stored = StoredRequests(path: database)
        let daemon = try FollowDaemon(database: "routelens.sqlite", paths: [logs], workingDirectory: logs, in: directory)
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 50 }) { try stored.count() }

        // A file written after the database exists is read in a poll that lists the database's files too.
        try LogFile.write(SequencedLine.text(50..<60), to: logs + "/later.log")
        _ = try await daemon.watch(within: .seconds(30), until: { $0 >= 60 }) { try stored.count() }
        let status = try await RouteLens.status(database: database, in: directory)
        let termination = await daemon.stop()
        #expect(termination == .exited(0), "\(daemon.log)")
        #expect(status.files.map(\.path).sorted() == [logs + "/access.log", logs + "/later.log"])
        let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<60)
        #expect(coverage.isExact, "\(coverage)")
    }
}

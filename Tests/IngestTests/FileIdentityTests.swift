import Foundation
import GRDB
import Ingest
import Storage
import TestSupport
import Testing

@Suite("A file is the one read before only if its content at the checkpoint is what was read")
struct FileIdentityTests {
    /// The generated log's lines, and the database rows of each file.
    private func lines(of log: GeneratedLog) throws -> [Substring] {
        try String(contentsOfFile: log.logPath, encoding: .utf8).split(separator: "\n")
    }

    private func write(_ lines: some Sequence<Substring>, to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Lines stored (as requests or rejected lines) per file, in the order the files were first read.
    private func linesPerFile(_ database: RequestDatabase) throws -> [Int] {
        try database.pool.read { db in
            try Int.fetchAll(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM request WHERE file_id = source_file.id)
                         + (SELECT COUNT(*) FROM rejected_line WHERE file_id = source_file.id)
                    FROM source_file ORDER BY id
                    """
            )
        }
    }

    @Test("Two different files that begin with the same KiB are both read whole")
    func sameHeadDifferentFiles() throws {
        let log = try GeneratedLog(lines: 2_005)
        let all = try lines(of: log)
        let database = try RequestDatabase(path: log.databasePath)
        let ingestor = try log.ingestor(database, linesPerTransaction: 500)
        // The first file: the log's first 1,000 lines. The second: the same first 12 lines (well over a KiB),
        // then the log's other lines.
        let first = log.directory.path("first.log")
        let second = log.directory.path("second.log")
        try write(all[..<1000], to: first)
        try write(all[..<12] + all[1000...], to: second)

        #expect(try ingestor.ingest(path: first).lines == 1000)
        let summary = try ingestor.ingest(path: second)
        #expect(summary.lines == Int64(12 + all.count - 1000))
        #expect(summary.alreadyIngestedLines == 0)
        #expect(summary.warnings.contains { $0.contains("begins like") && $0.contains("first.log") })
        #expect(try linesPerFile(database) == [1000, 12 + all.count - 1000])
        // Both are known now: reading either again adds nothing.
        #expect(try ingestor.ingest(path: first).lines == 0)
        #expect(try ingestor.ingest(path: second).lines == 0)
    }

    @Test("A file truncated and rewritten with the same first lines, past what was read, is read again from its first line")
    func rewrittenWithSameHead() throws {
        let log = try GeneratedLog(lines: 2_500)
        let all = try lines(of: log)
        let database = try RequestDatabase(path: log.databasePath)
        let ingestor = try log.ingestor(database, linesPerTransaction: 500)
        let path = log.directory.path("rewritten.log")
        try write(all[..<1000], to: path)
        #expect(try ingestor.ingest(path: path).lines == 1000)
        try write(all[..<12] + all[1200...], to: path)
        #expect(try ingestor.ingest(path: path).lines == Int64(12 + all.count - 1200))
    }

    @Test("A file that ends before the checkpoint, like copytruncate's copy, adds nothing and says why")
    func shorterCopyAddsNothing() throws {
        let log = try GeneratedLog(lines: 1_000)
        let all = try lines(of: log)
        let database = try RequestDatabase(path: log.databasePath)
        let ingestor = try log.ingestor(database, linesPerTransaction: 500)
        let path = log.directory.path("access.log.live")
        try write(all[..<1000], to: path)
        #expect(try ingestor.ingest(path: path).lines == 1000)
        let copy = log.directory.path("access.log.1")
        try write(all[..<800], to: copy)
        let summary = try ingestor.ingest(path: copy)
        #expect(summary.lines == 0)
        #expect(summary.warnings.contains { $0.contains("shorter than") })
    }

    @Test("A file appended to is still the same file: only the new lines are read")
    func appendedFileResumes() throws {
        let log = try GeneratedLog(lines: 1_500)
        let all = try lines(of: log)
        let database = try RequestDatabase(path: log.databasePath)
        let ingestor = try log.ingestor(database, linesPerTransaction: 500)
        let path = log.directory.path("growing.log")
        try write(all[..<1000], to: path)
        #expect(try ingestor.ingest(path: path).lines == 1000)
        try write(all[...], to: path)
        let summary = try ingestor.ingest(path: path)
        #expect(summary.lines == Int64(all.count - 1000))
        #expect(summary.alreadyIngestedLines == 1000)
        #expect(try linesPerFile(database) == [all.count])
    }
}

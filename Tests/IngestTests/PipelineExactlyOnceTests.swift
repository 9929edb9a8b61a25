import GRDB
import Ingest
import Storage
import Testing

/// The reading thread runs ahead of the writer; what the writer has not committed must count as unread.
@Suite("Pipelined ingest: each line exactly once")
struct PipelineExactlyOnceTests {
    @Test("Rows arrive in file order and every line is a row or a rejection, once")
    func everyLineOnceInOrder() throws {
        let log = try GeneratedLog(lines: 12_000)
        let database = try RequestDatabase(path: log.databasePath)
        let summary = try log.ingestor(database, linesPerTransaction: 1000).ingest(path: log.logPath)

        let stored = try log.stored(in: database)
        #expect(summary.lines == 12_000)
        #expect(stored.lines == stored.lines.sorted())
        #expect(Set(stored.lines).count == stored.lines.count)
        #expect(Set(stored.lines + stored.rejectedLines) == Set(1...12_000))
        #expect(stored.file.lines == 12_000 && stored.file.records == Int64(stored.lines.count))
    }

    @Test("A full batch leaves more unread lines behind than the longest line allowed: none is lost as if one oversized line")
    func batchBoundaryKeepsManyShortLines() throws {
        let log = try GeneratedLog(lines: 12_000)
        let database = try RequestDatabase(path: log.databasePath)
        let summary = try log.ingestor(database, linesPerTransaction: 100, maxLineLength: 2048).ingest(path: log.logPath)

        let stored = try log.stored(in: database)
        #expect(summary.lines == 12_000)
        #expect(Set(stored.lines + stored.rejectedLines) == Set(1...12_000))
        #expect(summary.rejected == Int64(stored.rejectedLines.count))
    }

    @Test("A write that fails mid-file keeps the batches before it with their checkpoint; ingesting again adds exactly the rest")
    func writeFailureThenResume() throws {
        let log = try GeneratedLog(lines: 12_000)
        let database = try RequestDatabase(path: log.databasePath)
        try database.write { db in
            try db.execute(sql: "CREATE TRIGGER injected_failure BEFORE INSERT ON request WHEN NEW.line = 5500 BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        }
        let ingestor = try log.ingestor(database, linesPerTransaction: 1000)

        let failed = try ingestor.ingest(path: log.logPath)
        #expect(failed.failure != nil, "the failure is reported")
        #expect(failed.lines == 5000, "the summary counts what was committed before the failure")
        let interrupted = try log.stored(in: database)
        #expect(interrupted.file.lastError?.contains("injected failure") == true, "status shows the failure")
        #expect(interrupted.file.lines == 5000)
        #expect(Set(interrupted.lines + interrupted.rejectedLines) == Set(1...5000))

        try database.write { db in try db.execute(sql: "DROP TRIGGER injected_failure") }
        let resumed = try ingestor.ingest(path: log.logPath)
        let stored = try log.stored(in: database)
        #expect(resumed.alreadyIngestedLines == 5000 && resumed.lines == 7000)
        #expect(Set(stored.lines).count == stored.lines.count)
        #expect(Set(stored.lines + stored.rejectedLines) == Set(1...12_000))
        #expect(stored.file.lines == 12_000)
    }

    @Test("A cancelled task commits the batch in hand and stops; ingesting again adds exactly the rest")
    func cancellationThenResume() async throws {
        let log = try GeneratedLog(lines: 5000)
        let database = try RequestDatabase(path: log.databasePath)
        let ingestor = try log.ingestor(database, linesPerTransaction: 1000)
        let path = log.logPath

        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try ingestor.ingest(path: path)
        }
        let first = try await cancelled.value
        #expect(first.lines == 1000)
        #expect(try log.stored(in: database).file.lines == 1000)

        let second = try ingestor.ingest(path: path)
        let stored = try log.stored(in: database)
        #expect(second.lines == 4000)
        #expect(Set(stored.lines).count == stored.lines.count)
        #expect(Set(stored.lines + stored.rejectedLines) == Set(1...5000))
    }
}

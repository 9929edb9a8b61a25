import Foundation
import GRDB
import TestSupport
import Testing

@Suite("Retention counts back from the newest request, not the wall clock")
struct RetentionReferenceTests {
    @Test("A backfill of logs older than the retention keeps the raw rows of its last minutes")
    func backfillKeepsItsNewestRows() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("db.sqlite")
        // The fixture spans 10:00 to 10:05 on 2026-11-26, days before any run of this test.
        let result = try RouteLensTool.run([
            "ingest", "--db", database, "--retain-raw", "2m", "--format-string",
            try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8),
            Repository.fixture("logs/appmesh-gateway.log.gz"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let (raw, newestRaw, oldestRaw) = try DatabaseQueue(path: database).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") ?? 0,
                try Int64.fetchOne(db, sql: "SELECT MAX(start_time) FROM request") ?? 0,
                try Int64.fetchOne(db, sql: "SELECT MIN(start_time) FROM request WHERE start_time IS NOT NULL") ?? 0
            )
        }
        #expect(raw > 0, "the newest minutes stay raw")
        // Everything older than two minutes before the newest request, to the minute, was rolled up and deleted.
        #expect(oldestRaw >= (newestRaw - 120_000) / 60_000 * 60_000)
    }
}

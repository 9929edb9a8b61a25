import AccessLog
import Foundation
import GRDB
import Testing

@testable import RequestBatches
@testable import Storage

/// `request_block`, the block range index on start times: what windowed queries and retention read instead
/// of an index on `start_time`.
@Suite("Request blocks")
struct RequestBlockTests {
    let parser = LineParser(format: LogFormat(preset: .envoy))

    /// Inserts one batch of a line per second starting `second` seconds after 2026-11-26T10:00:00Z.
    private func insertBatch(into store: DatabaseWithOneFile, seconds: Range<Int>, inserter: inout RequestInserter, encoder: inout RequestEncoder) throws {
        var batch = RequestBatch()
        encoder.begin(&batch)
        for second in seconds {
            let time = String(format: "2026-11-26T%02d:%02d:%02d.000Z", 10 + second / 3600, second / 60 % 60, second % 60)
            let line = #"[\#(time)] "GET /orders/1 HTTP/1.1" 200 - 0 10 7 - "-" "curl/8" "r" "shop" "10.0.0.2:80""#
            try Array(line.utf8).withUnsafeBytes { bytes in
                try parser.parse(bytes)
                encoder.append(parser, line: Int64(second), attribution: RequestAttribution(route: "orders"), to: &batch)
            }
        }
        try store.database.write { db in try inserter.insert(batch, fileID: store.fileID, in: db) }
    }

    private func blocks(_ database: RequestDatabase) throws -> [[Int64?]] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT first_id, last_id, min_time, max_time FROM request_block ORDER BY first_id").map { row in
                [row["first_id"], row["last_id"], row["min_time"], row["max_time"]]
            }
        }
    }

    private static let start: Int64 = 1_795_687_200_000

    @Test("Batches that follow each other extend one block with their ids and start times")
    func batchesExtendTheLastBlock() throws {
        let store = try DatabaseWithOneFile()
        let database = store.database
        var (inserter, encoder) = (RequestInserter(), RequestEncoder())

        try insertBatch(into: store, seconds: 0..<40, inserter: &inserter, encoder: &encoder)
        try insertBatch(into: store, seconds: 40..<100, inserter: &inserter, encoder: &encoder)

        #expect(try blocks(database) == [[1, 100, Self.start, Self.start + 99_000]])
    }

    @Test("Retention shrinks blocks to the rows left, and rows inserted after it get a block overlapping none")
    func retentionShrinksBlocks() throws {
        let store = try DatabaseWithOneFile()
        let database = store.database
        var (inserter, encoder) = (RequestInserter(), RequestEncoder())
        try insertBatch(into: store, seconds: 0..<180, inserter: &inserter, encoder: &encoder)

        // Keep two minutes before 10:03: the first minute (ids 1-60) is rolled up and deleted.
        let retention = RawRetention(database: database, keepingMilliseconds: 120_000)
        #expect(try retention.deleteOldestMinute(now: Self.start + 180_000) == 60)
        #expect(try blocks(database) == [[61, 180, Self.start + 60_000, Self.start + 179_000]])

        try insertBatch(into: store, seconds: 180..<200, inserter: &inserter, encoder: &encoder)
        let ranges = try blocks(database)
        #expect(ranges.first == [61, 200, Self.start + 60_000, Self.start + 199_000])
        #expect(ranges.count == 1)
    }

    @Test("A block deleted whole goes, and an id reused after the greatest ones were deleted falls in no old block")
    func emptiedBlocksGo() throws {
        let store = try DatabaseWithOneFile()
        let database = store.database
        var (inserter, encoder) = (RequestInserter(), RequestEncoder())
        try insertBatch(into: store, seconds: 0..<60, inserter: &inserter, encoder: &encoder)

        let retention = RawRetention(database: database, keepingMilliseconds: 60_000)
        #expect(try retention.deleteOldestMinute(now: Self.start + 120_000) == 60)
        #expect(try blocks(database).isEmpty)

        // SQLite gives the next row the greatest id plus one: with every row gone, ids start again at 1.
        try insertBatch(into: store, seconds: 120..<130, inserter: &inserter, encoder: &encoder)
        #expect(try blocks(database) == [[1, 10, Self.start + 120_000, Self.start + 129_000]])
    }
}

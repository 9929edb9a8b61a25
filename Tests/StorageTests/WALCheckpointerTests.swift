import Foundation
import GRDB
import Testing

@testable import Storage

@Suite("Background WAL checkpoints")
struct WALCheckpointerTests {
    @Test("Pages committed while they run reach the database file before the writer's own checkpoint is due")
    func copiesCommittedPages() async throws {
        let temporary = try TemporaryDatabase()
        let database = try RequestDatabase(path: temporary.path)
        let checkpoints = try #require(database.startBackgroundCheckpoints())
        defer {
            checkpoints.stop()
            checkpoints.stop()
        }
        try database.write { db in
            try db.execute(sql: "CREATE TABLE filler (text TEXT)")
            for _ in 0..<2000 { try db.execute(sql: "INSERT INTO filler VALUES (hex(randomblob(500)))") }
        }

        // About 2 MB went to the WAL; only a checkpoint copies it into the database file. The thread runs one
        // every WALCheckpointer.interval: poll, as its timing is the thread's.
        var size = 0
        for _ in 0..<250 where size < 2_000_000 {
            try await Task.sleep(for: .milliseconds(20))
            size = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? Int) ?? 0
        }

        #expect(size >= 2_000_000)
    }
}

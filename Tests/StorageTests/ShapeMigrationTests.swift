import GRDB
import Testing

@testable import Storage

@Suite("Migration v5: request shapes")
struct ShapeMigrationTests {
    @Test("Requests stored by v4 read back unchanged through request_view after v5, classified, each shape once")
    func migratesV4Rows() throws {
        let temporary = try TemporaryDatabase()
        let pool = try DatabasePool(path: temporary.path)
        try RequestDatabase.migrator.migrate(pool, upTo: "v2: last error per file")
        let columns = ["id", "file_id", "line", "start_time", "method", "status", "user_agent", "request_id", "upstream_cluster", "tcp", "route", "target"]
        let rows: [[(any DatabaseValueConvertible)?]] = [
            [1, 1, 1, 1_795_687_200_000, "GET", 200, "curl/8", "598a4ace-20e1-4342-a789-7060e036774a", "outbound|9080|v1|reviews", 0, "reviews", "v1"],
            [2, 1, 2, 1_795_687_201_000, "GET", 200, "kube-probe/1.29", "r2", "outbound|9080|v1|reviews", 0, "reviews", "v1"],
            [3, 1, 3, 1_795_687_202_000, "GET", 503, "curl/8", "r3", "inbound|9080||", 0, "reviews", nil],
            [4, 1, 4, 1_795_687_203_000, "GET", 200, "curl/8", "r4", "outbound|9080|v1|reviews", 0, "reviews", "v1"],
            [5, 1, 5, nil, nil, nil, nil, nil, "tcp_cluster", 1, "tcp_cluster", nil],
        ]
        try pool.write { db in
            try db.execute(sql: "INSERT INTO source_file (id, head, path, format, offset, lines, records, rejected, updated_at) VALUES (1, x'00', 'a', 'istio', 0, 5, 5, 0, 0)")
            for row in rows {
                let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                try db.execute(sql: "INSERT INTO request (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", arguments: StatementArguments(row.map { $0?.databaseValue ?? .null }))
            }
        }
        try RequestDatabase.migrator.migrate(pool, upTo: "v4: labels stored once, requests refer to them by id")

        try RequestDatabase.migrator.migrate(pool)

        let migrated = try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM request_view ORDER BY id") }
        #expect(migrated.count == rows.count)
        for (stored, original) in zip(migrated, rows) {
            for (column, value) in zip(columns, original) {
                #expect(stored[column] as DatabaseValue == (value?.databaseValue ?? .null), "row \(stored["id"] as Int64), \(column)")
            }
        }
        #expect(migrated.map { $0["health_check"] as Int } == [0, 1, 0, 0, 0])
        #expect(migrated.map { $0["inbound"] as Int } == [0, 0, 1, 0, 0])
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request_shape") } == 4)
    }
}

import GRDB
import Testing

@testable import Storage

@Suite("Migration v3: labels")
struct LabelMigrationTests {
    @Test("Requests stored by v2 read back unchanged through request_view after v3, each label once")
    func migratesV2Rows() throws {
        let temporary = try TemporaryDatabase()
        let pool = try DatabasePool(path: temporary.path)
        try RequestDatabase.migrator.migrate(pool, upTo: "v2: last error per file")
        let columns = [
            "id", "file_id", "line", "start_time", "method", "path", "protocol", "status", "flags", "details", "bytes_received",
            "bytes_sent", "duration_ms", "upstream_service_time_ms", "x_forwarded_for", "user_agent", "request_id", "authority",
            "upstream_host", "upstream_cluster", "route_name", "tcp", "route", "target",
        ]
        let rows: [[(any DatabaseValueConvertible)?]] = [
            [1, 1, 1, 1_795_687_200_000, "GET", "/orders/1", "HTTP/1.1", 200, nil, nil, 0, 10, 5, 4, "10.0.0.1", "curl/8", "r1",
             "shop", "10.1.0.1:80", "cds_egress_shop_orders-v1_http_8080", nil, 0, "orders", "orders-v1"],
            [2, 1, 2, 1_795_687_201_000, "GET", "/orders/2", "HTTP/1.1", 503, "UF", "upstream_reset", 0, 0, 7, nil, nil, "curl/8",
             "r2", "shop", nil, "cds_egress_shop_orders-v1_http_8080", "orders", 0, "orders", nil],
            [3, 1, 4, nil, nil, nil, nil, nil, nil, nil, 10, 20, 30, nil, nil, nil, nil, nil, "10.1.0.1:80", "tcp_cluster", nil, 1,
             "tcp_cluster", nil],
        ]
        try pool.write { db in
            try db.execute(sql: "INSERT INTO source_file (id, head, path, format, offset, lines, records, rejected, updated_at) VALUES (1, x'00', 'a', 'envoy', 0, 4, 3, 1, 0)")
            for row in rows {
                let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
                try db.execute(sql: "INSERT INTO request (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", arguments: StatementArguments(row.map { $0?.databaseValue ?? .null }))
            }
        }

        try RequestDatabase.migrator.migrate(pool)

        let migrated = try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM request_view ORDER BY id") }
        #expect(migrated.count == rows.count)
        for (stored, original) in zip(migrated, rows) {
            for (column, value) in zip(columns, original) {
                #expect(stored[column] as DatabaseValue == (value?.databaseValue ?? .null), "row \(stored["id"] as Int64), \(column)")
            }
        }
        let labels = try pool.read { db in try String.fetchAll(db, sql: "SELECT text FROM label ORDER BY text") }
        #expect(labels == [
            "10.1.0.1:80", "GET", "HTTP/1.1", "UF", "cds_egress_shop_orders-v1_http_8080", "curl/8", "orders", "orders-v1", "shop",
            "tcp_cluster", "upstream_reset",
        ])
    }
}

import Foundation
import GRDB
import Statistics
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

        try RequestDatabase.migrator.migrate(pool, upTo: "v7: time blocks instead of a time index")
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request_shape") } == 4)
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
        // v8 rolls every row up, the one without a start time under the untimed start, at each period.
        let rolledUp = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT period, SUM(requests) AS requests, SUM(status_5xx) AS errors FROM request_rollup GROUP BY period")
        }
        #expect(rolledUp.map { [$0["period"] as Int64, $0["requests"], $0["errors"]] } == [[60_000, 5, 1], [3_600_000, 5, 1], [86_400_000, 5, 1]])
    }

    @Test("Migration v8 turns v3's per-minute rollups into rollups of a shape with their route and target")
    func convertsMinuteRollups() throws {
        let temporary = try TemporaryDatabase()
        let pool = try DatabasePool(path: temporary.path)
        try RequestDatabase.migrator.migrate(pool, upTo: "v7: time blocks instead of a time index")
        var v3 = LatencyHistogramV3Bytes()
        v3.append(maximum: 250, buckets: [(10, 3), (64 + 64 + 61, 1)])  // 10 ms three times, one in [250, 251]
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO request_minute (minute, route, target, requests, errors_5xx, errors_4xx, durations) VALUES (29928120, 'orders', 'v2', 4, 1, 2, ?)",
                arguments: [Data(v3.bytes)]
            )
        }
        try RequestDatabase.migrator.migrate(pool)
        let row = try #require(try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT requests, status_5xx, status_4xx, durations, route.text AS route, target.text AS target, shape.tcp, shape.method_id
                FROM request_rollup JOIN request_shape AS shape ON shape.id = shape_id JOIN label AS route ON route.id = shape.route_id
                JOIN label AS target ON target.id = shape.target_id WHERE period = 60000 AND start = 29928120 * 60000
                """)
        })
        #expect([row["requests"], row["status_5xx"], row["status_4xx"]] as [Int] == [4, 1, 2])
        #expect([row["route"], row["target"]] as [String] == ["orders", "v2"])
        let durations: Data = row["durations"]
        let histogram = try #require(LatencyHistogram(serialized: [UInt8](durations)))
        #expect(histogram.count == 4 && histogram.percentile(50) == 10 && histogram.maximum == 250)
        #expect(try pool.read { db in try db.tableExists("request_minute") } == false)
    }
}

/// v3's histogram encoding, written by hand: LEB128 maximum, then bucket and count pairs.
struct LatencyHistogramV3Bytes {
    var bytes: [UInt8] = []

    mutating func append(maximum: UInt64, buckets: [(UInt64, UInt64)]) {
        varint(maximum)
        for (bucket, count) in buckets {
            varint(bucket)
            varint(count)
        }
    }

    private mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}

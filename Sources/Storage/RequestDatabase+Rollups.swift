import Foundation
import GRDB
import Statistics

extension RequestDatabase {
    /// v8: `request_rollup`, backfilled from the raw rows and from v3's `request_minute`, which it replaces.
    static func migrateToRollups(_ db: Database) throws {
        // Every connection RequestDatabase opens has it; a bare migrator (the migration tests) may not.
        HistogramFunctions.register(on: db)
        try db.execute(sql: """
            -- Requests per period (60000: minute, 3600000: hour, 86400000: day), period start and request shape,
            -- written by ingest in the transaction that stores the rows: what every report reads when raw rows are
            -- too many or gone. start is -9223372036854775808 for requests without a start time. durations is a
            -- LatencyHistogram (NULL when no request logged one). 1xx and requests without a status are the
            -- requests not counted in a status column; 429 is counted in status_4xx too.
            CREATE TABLE request_rollup (
                period INTEGER NOT NULL,
                start INTEGER NOT NULL,
                shape_id INTEGER NOT NULL,
                requests INTEGER NOT NULL,
                status_2xx INTEGER NOT NULL,
                status_3xx INTEGER NOT NULL,
                status_4xx INTEGER NOT NULL,
                status_5xx INTEGER NOT NULL,
                status_429 INTEGER NOT NULL,
                bytes_received INTEGER NOT NULL,
                bytes_sent INTEGER NOT NULL,
                durations BLOB,
                PRIMARY KEY (period, start, shape_id)
            ) WITHOUT ROWID;
            """)
        var rollups = RollupAccumulator()
        let rollupShape = try rollupShapes(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT start_time, shape_id, status, bytes_received, bytes_sent, duration_ms FROM request")
        var pending = 0
        while let row = try rows.next() {
            let shape: Int64 = row[1]
            rollups.add(
                startTime: row[0], shapeID: rollupShape[shape] ?? shape, status: row[2], bytesReceived: row[3], bytesSent: row[4], duration: row[5]
            )
            pending += 1
            if pending == 100_000 {
                try rollups.write(in: db)
                pending = 0
            }
        }
        try rollups.write(in: db)
        try convertMinuteRollups(db)
    }

    /// The shape each shape's rollups count under (``RollupAccumulator/droppedShapeColumns`` NULL), inserting those
    /// not yet stored.
    private static func rollupShapes(_ db: Database) throws -> [Int64: Int64] {
        let kept = ["route_id", "target_id", "operation_id", "flags_id", "details_id", "tcp", "health_check", "inbound"]
        let dropped = RollupAccumulator.droppedShapeColumns
        var byKey: [[Int64?]: Int64] = [:]
        var mapping: [Int64: Int64] = [:]
        let shapes = try Row.fetchAll(db, sql: "SELECT id, \((kept + dropped).joined(separator: ", ")) FROM request_shape ORDER BY id")
        for shape in shapes where dropped.allSatisfy({ (shape[$0] as Int64?) == nil }) {
            let key = kept.map { shape[$0] as Int64? }
            if byKey[key] == nil { byKey[key] = shape["id"] }
        }
        for shape in shapes {
            let key = kept.map { shape[$0] as Int64? }
            if let id = byKey[key] {
                mapping[shape["id"]] = id
                continue
            }
            try db.execute(
                sql: "INSERT INTO request_shape (\(kept.joined(separator: ", "))) VALUES (\(kept.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(key)
            )
            byKey[key] = db.lastInsertedRowID
            mapping[shape["id"]] = db.lastInsertedRowID
        }
        return mapping
    }

    /// v3's `request_minute` rows (route and target names, 6-bit histograms) as rollups of a shape with only
    /// the route and target: what they knew. Their histograms are read at each bucket's upper bound.
    private static func convertMinuteRollups(_ db: Database) throws {
        var rollups = RollupAccumulator()
        let rows = try Row.fetchAll(db, sql: "SELECT minute, route, target, requests, errors_5xx, errors_4xx, durations FROM request_minute")
        for row in rows {
            let route = try labelID(row["route"], in: db)
            let targetText: String = row["target"]
            let target = targetText.isEmpty ? nil : try labelID(targetText, in: db)
            let shape = try shapeID(route: route, target: target, in: db)
            var cell = RollupAccumulator.Cell()
            cell.requests = row["requests"]
            cell.status5xx = row["errors_5xx"]
            cell.status4xx = row["errors_4xx"]
            if let data = row["durations"] as Data? { cell.histogram = version3Histogram([UInt8](data)) }
            let minute: Int64 = row["minute"]
            rollups.add(cell, minute: minute * 60_000, shapeID: shape)
        }
        try rollups.write(in: db)
        try db.execute(sql: "DROP TABLE request_minute")
    }

    private static func labelID(_ text: String, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM label WHERE text = ?", arguments: [text]) { return id }
        try db.execute(sql: "INSERT INTO label (text) VALUES (?)", arguments: [text])
        return db.lastInsertedRowID
    }

    private static func shapeID(route: Int64, target: Int64?, in db: Database) throws -> Int64 {
        let condition = """
            route_id = ? AND target_id IS ? AND operation_id IS NULL AND method_id IS NULL AND protocol_id IS NULL AND flags_id IS NULL
            AND details_id IS NULL AND authority_id IS NULL AND upstream_cluster_id IS NULL AND route_name_id IS NULL
            AND tcp = 0 AND health_check = 0 AND inbound = 0
            """
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM request_shape WHERE \(condition)", arguments: [route, target]) { return id }
        try db.execute(
            sql: "INSERT INTO request_shape (route_id, target_id, tcp, health_check, inbound) VALUES (?, ?, 0, 0, 0)", arguments: [route, target]
        )
        return db.lastInsertedRowID
    }

    /// A v3 histogram (varint maximum, then varint bucket and count pairs; exact below 64, then 64 buckets per
    /// power of two) as a ``LatencyHistogram``; spelled out here because a migration must read v3 forever.
    static func version3Histogram(_ bytes: [UInt8]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        var index = 0
        func varint() -> UInt64? { LatencyHistogram.readVarint(bytes, &index) }
        guard let maximum = varint() else { return histogram }
        while index < bytes.count, let bucket = varint(), let count = varint(), bucket < 4096, count < UInt64(Int64.max) {
            let upper: UInt64
            if bucket < 64 {
                upper = bucket
            } else {
                let shift = (bucket - 64) / 64
                guard shift < 56 else { break }
                upper = ((64 + (bucket - 64) % 64) << shift) + (1 << shift) - 1
            }
            histogram.record(Int64(min(upper, maximum, UInt64(Int64.max))), times: Int64(count))
        }
        return histogram
    }
}

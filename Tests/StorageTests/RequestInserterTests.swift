import AccessLog
import Foundation
import GRDB
import Testing

@testable import RequestBatches
@testable import Storage

@Suite("Request inserter: rows and label ids round-trip")
struct RequestInserterTests {
    let parser = LineParser(format: LogFormat(preset: .envoy))

    /// 70 rows: two full multi-row statements and six rows one by one. Values vary per row, repeat
    /// across rows (labels), are absent (`-`) or empty (`""`), and a user agent holds stray quotes.
    func line(_ number: Int) -> String {
        let method = ["GET", "POST", "DELETE"][number % 3]
        let flags = number % 5 == 0 ? "UF,URX" : "-"
        let agent = number % 7 == 0 ? #"curl/8.1 "quoted""# : (number % 11 == 0 ? "" : "Go-http-client/2.0")
        let host = number % 4 == 0 ? "-" : "10.1.\(number % 3).10:8080"
        // Half the request ids are UUIDs, stored as 16 bytes; request_view spells them as logged.
        let requestID = number % 2 == 0 ? "0b1e7c9a-3f2d-4e5a-8b6c-\(String(format: "%012x", number * 7919))" : "req-\(number)"
        return #"[2026-11-26T10:00:\#(String(format: "%02d", number % 60)).000Z] "\#(method) /orders/\#(number) HTTP/1.1" \#(200 + number % 4 * 100) \#(flags) 0 \#(number * 10) \#(number) \#(number % 2 == 0 ? "-" : String(number - 1)) "10.0.0.\#(number)" "\#(agent)" "\#(requestID)" "shop.example.com" "\#(host)""#
    }

    @Test("Every stored column reads back, through request_view, as the parser read it")
    func roundTrip() throws {
        let store = try DatabaseWithOneFile()
        let (database, fileID) = (store.database, store.fileID)

        var encoder = RequestEncoder()
        var inserter = RequestInserter()
        var batch = RequestBatch()
        var expected: [[String: DatabaseValue]] = []
        encoder.begin(&batch)
        for number in 1...70 {
            let attribution = RequestAttribution(
                route: number % 2 == 0 ? "orders" : "(unmatched)", target: number % 3 == 0 ? "orders-v2" : nil,
                operation: number % 4 == 0 ? "GET /orders/{id}" : nil, isHealthCheck: number % 5 == 0, isInbound: number % 6 == 0
            )
            // The parser's values point into the line: encode them while its bytes are alive.
            try Array(line(number).utf8).withUnsafeBytes { bytes in
                try parser.parse(bytes)
                encoder.append(parser, line: Int64(number), attribution: attribution, to: &batch)
                expected.append(columns(line: number, attribution: attribution))
            }
        }
        try database.write { db in try inserter.insert(batch, fileID: fileID, in: db) }

        let stored = try database.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM request_view ORDER BY id") }
        #expect(stored.count == 70)
        for (row, wanted) in zip(stored, expected) {
            for (column, value) in wanted {
                #expect(row[column] as DatabaseValue == value, "line \(wanted["line"]!), \(column)")
            }
        }
    }

    @Test("Each distinct label is stored once, whichever columns use it")
    func labelsAreStoredOnce() throws {
        let store = try DatabaseWithOneFile()
        let (database, fileID) = (store.database, store.fileID)
        var encoder = RequestEncoder()
        var inserter = RequestInserter()
        var batch = RequestBatch()
        for round in 0..<2 {
            encoder.begin(&batch)
            for number in 1...40 {
                try Array(line(number).utf8).withUnsafeBytes { bytes in
                    try parser.parse(bytes)
                    encoder.append(parser, line: Int64(round * 40 + number), attribution: RequestAttribution(route: "GET"), to: &batch)
                }
            }
            try database.write { db in try inserter.insert(batch, fileID: fileID, in: db) }
        }
        let labels = try database.pool.read { db in try String.fetchAll(db, sql: "SELECT text FROM label") }
        #expect(labels.count == Set(labels).count)
        #expect(labels.contains("GET"))
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") } == 80)
    }

    @Test("A batch whose label and shape ids restart maps them afresh, finding labels and shapes already stored")
    func restartedLabels() throws {
        let store = try DatabaseWithOneFile()
        let (database, fileID) = (store.database, store.fileID)
        var inserter = RequestInserter()
        var batch = RequestBatch()
        for (round, route) in ["orders", "payments", "orders"].enumerated() {
            batch.removeAll(firstNewLabel: 0, firstNewShape: 0, restartsLocalIDs: round > 0)
            Array("orders-v1".utf8).withUnsafeBytes { batch.appendNewLabel($0) }
            Array(route.utf8).withUnsafeBytes { batch.appendNewLabel($0) }
            let key = (0..<RequestBatch.shapeKeyWidth).map { column -> Int32 in
                switch (RequestBatch.shapeLabelColumns + RequestBatch.shapeFlagColumns)[column] {
                case "route_id": 1
                case "target_id", "tcp", "health_check", "inbound": 0
                default: RequestBatch.nullLabel
                }
            }
            key.withUnsafeBufferPointer { batch.appendNewShape($0) }
            for column in RequestBatch.integerColumns { batch.appendInteger(column == "line" ? Int64(round) : nil) }
            batch.appendShape(0)
            for _ in RequestBatch.labelColumns { batch.appendLabel(nil) }
            for _ in RequestBatch.textColumns { batch.appendText(nil) }
            batch.endRow()
            try database.write { db in try inserter.insert(batch, fileID: fileID, in: db) }
        }
        let rows = try database.pool.read { db in try Row.fetchAll(db, sql: "SELECT route, target FROM request_view ORDER BY id") }
        #expect(rows.map { $0["route"] as String } == ["orders", "payments", "orders"])
        #expect(rows.map { $0["target"] as String } == ["orders-v1", "orders-v1", "orders-v1"])
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM label") } == 3)
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request_shape") } == 2)
    }

    /// What request_view should hold for line `number`, from the parser.
    private func columns(line number: Int, attribution: RequestAttribution) -> [String: DatabaseValue] {
        var columns: [String: DatabaseValue] = [
            "file_id": 1.databaseValue, "line": number.databaseValue, "tcp": 0.databaseValue,
            "route": attribution.route.databaseValue, "target": attribution.target.databaseValue,
            "operation": attribution.operation.databaseValue, "health_check": attribution.isHealthCheck.databaseValue,
            "inbound": attribution.isInbound.databaseValue,
        ]
        for field in AccessLogField.allCases {
            switch field.valueKind {
            case .integer, .timestamp: columns[field.key] = parser.integer(field).databaseValue
            case .text, .flags: columns[field.key] = parser.string(field).databaseValue
            }
        }
        return columns
    }
}

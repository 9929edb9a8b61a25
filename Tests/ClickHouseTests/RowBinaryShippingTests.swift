import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Storage
import Testing
import TestSupport

/// What the RowBinary insert bodies carry arrives as `request_view` gives it: each value of every shipped column,
/// read back from a real clickhouse-server (Debian's 18.16) and from a current engine (chDB), equals SQLite's.
@Suite(.serialized)
struct RowBinaryShippingTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    @Test func nullInEveryNullableColumnArrivesAsNull() async throws {
        let node = try HandWrittenNode()
        let shape = try node.shape(route: "checkout")
        try node.request(line: 1, shape: shape)
        #expect(try await shippedRows(node) == (try node.viewRows()))
        #expect(try node.viewRows().first?.compactMap { $0 }.count == 5)  // line, route and the three flags
    }

    @Test func emptyTextArrivesAsEmptyTextNotNull() async throws {
        let node = try HandWrittenNode()
        let empty = try node.label("")
        let shape = try node.shape(route: "", target: empty, method: empty, protocol: empty, flags: empty, details: empty, authority: empty, upstreamCluster: empty, routeName: empty, operation: empty)
        try node.request(line: 1, shape: shape, ["path": "", "x_forwarded_for": "", "request_id": "", "user_agent_id": empty, "upstream_host_id": empty])
        let shipped = try await shippedRows(node)
        #expect(shipped == (try node.viewRows()))
        #expect(["path", "x_forwarded_for", "request_id", "user_agent", "method", "route", "operation"].map { shipped.first?[column($0)] } == Array(repeating: "", count: 7))
    }

    @Test(arguments: [127, 128, 16_383, 16_384, 100_000])
    func textOfAnyLengthArrivesWhole(length: Int) async throws {
        let node = try HandWrittenNode()
        let text = String(repeating: "abcdefgh", count: length / 8 + 1).prefix(length)
        let shape = try node.shape(route: "r" + text, target: try node.label("t" + text))
        try node.request(line: 1, shape: shape, ["path": String(text), "x_forwarded_for": String(text), "request_id": String(text), "user_agent_id": try node.label(String(text))])
        let shipped = try await shippedRows(node)
        #expect(shipped == (try node.viewRows()))
        #expect(shipped.first?[column("path")]?.utf8.count == length)
    }

    @Test func aBatchLargerThanTheRoomFirstReservedForItArrivesWhole() async throws {
        let node = try HandWrittenNode()
        let shape = try node.shape(route: "r")
        try node.request(line: 1, shape: shape, ["path": String(repeating: "/long", count: 50_000), "x_forwarded_for": String(repeating: "x", count: 70_000)])
        // One row a batch: room for a few hundred bytes at first, then the writer grows.
        let batch = try #require(try RequestExport(database: node.database, node: "a").batch(after: 0, limit: 1))
        let client = try await FleetFixture.createdClient()
        try await client.insert(into: client.endpoint.requestsTable, columns: RequestExport.columns, rowBinary: batch.body)
        #expect(try await rows(client) == (try node.viewRows()))
    }

    @Test func nonASCIIAndControlCharactersArriveByteForByte() async throws {
        let node = try HandWrittenNode()
        let text = "ü 日本 \u{1F680} tab\there back\\slash quote\" nul-free \u{1}\u{7F} new\nline"
        let shape = try node.shape(route: text, method: try node.label("PÖST"), details: try node.label(text))
        try node.request(line: 1, shape: shape, ["path": "/ä/\(text)", "x_forwarded_for": text, "user_agent_id": try node.label(text), "upstream_host_id": try node.label("höst:80")])
        #expect(try await shippedRows(node) == (try node.viewRows()))
    }

    @Test func extremeIntegersArriveUnchanged() async throws {
        let node = try HandWrittenNode()
        let shape = try node.shape(route: "r", tcp: 1, healthCheck: 1, inbound: 1)
        try node.request(
            line: Int64.max, shape: shape,
            [
                "start_time": Int64.min, "status": Int64(Int32.max), "bytes_received": Int64.max, "bytes_sent": Int64.min, "duration_ms": 0,
                "upstream_service_time_ms": -1,
            ]
        )
        try node.request(line: 0, shape: shape, ["start_time": Int64.max, "status": Int64(Int32.min), "bytes_received": 0, "bytes_sent": -1, "duration_ms": Int64.max])
        let shipped = try await shippedRows(node)
        #expect(shipped == (try node.viewRows()))
        #expect(shipped.map { $0[column("start_time")] } == [String(Int64.max), String(Int64.min)])
    }

    @Test func requestIDsStoredAsBlobsArriveAsTheViewSpellsThem() async throws {
        let node = try HandWrittenNode()
        let shape = try node.shape(route: "r")
        let uuid: [UInt8] = [0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88, 0x97, 0xa6, 0xb5, 0xc4, 0xd3, 0xe2, 0xf1, 0x00]
        for (line, blob) in [uuid, [0xab, 0xcd, 0xef], [0x01, 0x23, 0x45, 0x67, 0x89], [], uuid + [0xff]].enumerated() {
            try node.request(line: Int64(line), shape: shape, ["request_id": Data(blob)])
        }
        try node.request(line: 10, shape: shape, ["request_id": "not-a-uuid"])
        let shipped = try await shippedRows(node)
        let view = try node.viewRows()
        #expect(shipped == view, "\(shipped.map { $0[column("request_id")] }) ≠ \(view.map { $0[column("request_id")] })")
        #expect(shipped.first?[column("request_id")] == "1f2e3d4c-5b6a-7988-97a6-b5c4d3e2f100")
    }

    @Test func labelsAndShapesCommittedAfterAShipmentArriveWithTheNextOne() async throws {
        let node = try HandWrittenNode()
        let client = try await FleetFixture.createdClient()
        let shipper = ClickHouseShipper(client: client, database: node.database, node: "a", logger: Logger(label: "test"))
        try node.request(line: 1, shape: try node.shape(route: "first"), ["user_agent_id": try node.label("agent/1")])
        #expect(try await shipper.shipPending() == 1)
        // The same shipper, whose dictionary holds the first labels and shape, meets ids it has not seen.
        try node.request(line: 2, shape: try node.shape(route: "second", target: try node.label("v2")), ["user_agent_id": try node.label("agent/2")])
        #expect(try await shipper.shipPending() == 1)
        #expect(try await rows(client) == (try node.viewRows()))
    }

    @Test func aRowWhoseShapeIsMissingIsNotShippedAsTheViewHasNoRowForIt() async throws {
        let node = try HandWrittenNode()
        try node.request(line: 1, shape: try node.shape(route: "r"))
        try node.request(line: 2, shape: 999_999)
        #expect(try node.viewRows().count == 1)
        #expect(try await shippedRows(node) == (try node.viewRows()))
    }

    @Test(.enabled(if: CurrentEngineTests.hasChDB, "needs Python's chdb (.ci/run installs it)"))
    func aBodyReadsBackTheSameOnACurrentEngine() throws {
        let node = try HandWrittenNode()
        let shape = try node.shape(route: "ü route", target: try node.label("canary"), method: try node.label("GET"), tcp: 0, healthCheck: 1)
        try node.request(line: 1, shape: shape, ["start_time": Int64.max, "status": 503, "bytes_sent": Int64.min, "path": String(repeating: "/ä", count: 100), "request_id": Data([0xab, 0xcd])])
        try node.request(line: 2, shape: shape, ["path": "", "user_agent_id": try node.label(String(repeating: "x", count: 20_000))])
        let batch = try #require(try RequestExport(database: node.database, node: "a").batch(after: 0, limit: 100))
        let body = node.directory.path("body.bin")
        try Data(batch.body).write(to: URL(fileURLWithPath: body))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tests/ClickHouseTests/current-engine/read_rowbinary.py", body] + RequestExport.columns
        process.currentDirectoryURL = Repository.root
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(problems)")
        let read = try answer.split(separator: UInt8(ascii: "\n")).map { line in
            let values = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            return (["line"] + HandWrittenNode.viewColumns).map { values[$0] as? String }
        }
        #expect(read == (try node.viewRows()))
    }

    // MARK: - Helpers

    private func column(_ name: String) -> Int {
        (["line"] + HandWrittenNode.viewColumns).firstIndex(of: name) ?? -1
    }

    /// `node`'s rows shipped by a shipper into a new database, and read back.
    private func shippedRows(_ node: HandWrittenNode) async throws -> [[String?]] {
        let client = try await FleetFixture.createdClient()
        _ = try await ClickHouseShipper(client: client, database: node.database, node: "a", logger: Logger(label: "test")).shipPending()
        return try await rows(client)
    }

    /// Every shipped row as text (`toString`), line first, in line order: the form ``HandWrittenNode/viewRows()``
    /// gives SQLite's in.
    private func rows(_ client: ClickHouseClient) async throws -> [[String?]] {
        let columns = ["line"] + HandWrittenNode.viewColumns
        let sql = "SELECT \(columns.map { "toString(\($0)) AS \($0)" }.joined(separator: ", ")) FROM \(client.endpoint.database).requests FINAL ORDER BY toUInt64(line) FORMAT JSONEachRow"
        return try await client.rows(sql).map { row in columns.map { row.string($0) } }
    }
}

/// A node's SQLite database written with SQL row by row, for values no log line carries: extreme integers, NULL in
/// every column, request ids stored as blobs of any length, ids no table holds.
struct HandWrittenNode {
    /// The shipped columns request_view gives (all but node, file and line).
    static let viewColumns = Array(RequestExport.columns.dropFirst(3))

    let directory: TemporaryDirectory
    let database: RequestDatabase

    init() throws {
        directory = try TemporaryDirectory()
        database = try RequestDatabase(path: directory.path("node.sqlite"))
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO source_file (id, head, path, format, offset, lines, records, rejected, updated_at) VALUES (1, ?, 'a.log', 'envoy', 0, 0, 0, 0, 0)",
                arguments: [Data("first line\n".utf8)]
            )
        }
    }

    /// The id of label `text`, inserted when new.
    func label(_ text: String) throws -> Int64 {
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO label (text) VALUES (?) ON CONFLICT (text) DO NOTHING", arguments: [text])
            return try Int64.fetchOne(db, sql: "SELECT id FROM label WHERE text = ?", arguments: [text]) ?? -1
        }
    }

    /// A new shape of these label ids and flags.
    func shape(
        route: String, target: Int64? = nil, method: Int64? = nil, protocol: Int64? = nil, flags: Int64? = nil, details: Int64? = nil,
        authority: Int64? = nil, upstreamCluster: Int64? = nil, routeName: Int64? = nil, operation: Int64? = nil, tcp: Int64 = 0,
        healthCheck: Int64 = 0, inbound: Int64 = 0
    ) throws -> Int64 {
        let routeID = try label(route)
        return try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO request_shape (route_id, target_id, method_id, protocol_id, flags_id, details_id, authority_id, upstream_cluster_id,
                        route_name_id, operation_id, tcp, health_check, inbound) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [routeID, target, method, `protocol`, flags, details, authority, upstreamCluster, routeName, operation, tcp, healthCheck, inbound]
            )
            return db.lastInsertedRowID
        }
    }

    /// A request row of file 1: `line`, `shape`, and `values` by `request` column (NULL for the others).
    func request(line: Int64, shape: Int64, _ values: [String: (any DatabaseValueConvertible)?] = [:]) throws {
        let columns = ["file_id", "line", "shape_id"] + values.keys.sorted()
        let arguments: [(any DatabaseValueConvertible)?] = [Int64(1), line, shape] + values.keys.sorted().map { values[$0] ?? nil }
        try database.pool.write { db in
            try db.execute(
                sql: "INSERT INTO request (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(arguments)
            )
        }
    }

    /// request_view's rows as text (`CAST … AS TEXT`), line first, in line order.
    func viewRows() throws -> [[String?]] {
        let columns = ["line"] + Self.viewColumns
        return try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(columns.map { "CAST(\($0) AS TEXT)" }.joined(separator: ", ")) FROM request_view ORDER BY line").map { row in
                (0..<columns.count).map { row[$0] as String? }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// Shipping nodes' SQLite requests into one real ClickHouse (Debian's clickhouse-server, started on loopback) and
/// answering from there.
@Suite(.serialized)
struct FleetShippingTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    @Test func twoNodesShippedIntoOneClickHouseAnswerAsBothLogsIngestedIntoOneSQLite() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 3000, from: FleetFixture.day, seed: 1), to: directory.path("a.log"))
        try FleetFixture.write(FleetFixture.log(count: 2000, from: FleetFixture.day + 500, seed: 2), to: directory.path("b.log"))
        let nodeA = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let nodeB = try FleetFixture.database(directory, name: "b.sqlite", logs: [directory.path("b.log")])
        let both = try FleetFixture.database(directory, name: "both.sqlite", logs: [directory.path("a.log"), directory.path("b.log")])
        let client = try await FleetFixture.createdClient()

        #expect(try await FleetFixture.shipper(client, nodeA, node: "a").shipPending() == 3000)
        #expect(try await FleetFixture.shipper(client, nodeB, node: "b").shipPending() == 2000)

        let fleet = ClickHouseReporter(client: client)
        let local = Reporter(database: both)
        for scope in [ReportScope(), ReportScope(byTarget: true), ReportScope(from: FleetFixture.day + 600_000, to: FleetFixture.day + 1_200_000, byTarget: true)] {
            let errors = try await fleet.errors(scope)
            #expect(errors == (try local.errors(scope)))
            #expect(errors.routes.reduce(0) { $0 + $1.errors5xx } > 0)
            #expect(try await fleet.latency(scope) == (try local.latency(scope)))
        }
        let split = try await fleet.split(ReportScope(), history: try both.routeWeightHistory())
        #expect(split == (try local.split(ReportScope())))
        #expect(split.routes.first?.requests == 5000)
        #expect(try await ClickHouseReporter(client: client, node: "b").errors(ReportScope()).routes.map(\.requests) == [2000])
    }

    @Test func shippingTheSameRowsAgainDoesNotDoubleThem() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 1500, from: FleetFixture.day, seed: 3), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let client = try await FleetFixture.createdClient()
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 1500)
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 0)

        // The watermark lost: everything goes again.
        try await node.pool.write { db in try db.execute(sql: "DELETE FROM clickhouse_shipped") }
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 1500)
        // The node lost its SQLite file and read its logs again: new ids, same lines.
        let again = try FleetFixture.database(directory, name: "again.sqlite", logs: [directory.path("a.log")])
        #expect(try await FleetFixture.shipper(client, again, node: "a").shipPending() == 1500)

        let fleet = ClickHouseReporter(client: client)
        #expect(try await fleet.requestsByNode() == ["a": 1500])
        #expect(try await fleet.errors(ReportScope(byTarget: true)) == (try Reporter(database: node).errors(ReportScope(byTarget: true))))
    }

    @Test func batchesSentSeveralAtATimeAdvanceTheWatermarkInOrderAndLandOnce() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 1000, from: FleetFixture.day, seed: 5), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let client = try await FleetFixture.createdClient()
        var sender = FleetFixture.shipper(client, node, node: "a")
        (sender.batchRows, sender.insertsInFlight) = (70, 3)
        #expect(try await sender.shipPending() == 1000)
        #expect(try ShippedWatermark.lags(in: node).map(\.pendingRows) == [0])
        #expect(try await ClickHouseReporter(client: client).requestsByNode() == ["a": 1000])
        #expect(try await ClickHouseReporter(client: client).errors(ReportScope()) == (try Reporter(database: node).errors(ReportScope())))
    }

    @Test func stoppingTheShipperWhileClickHouseHangsEndsWithinSecondsAndRecordsNothing() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 300, from: FleetFixture.day, seed: 10), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        // A port that takes connections (the kernel's backlog) and never answers: a ClickHouse that hangs.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        _ = listen(listener, 16)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let client = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: "http://127.0.0.1:\(port)"))
        let service = FleetFixture.shipper(client, node, node: "a")
        // Past the first pass of rollups, so that the hanging request is a batch's insert, sent as a task of its own.
        try service.watermark.recordRollupsShipped(through: 0, now: 0)
        let running = Task { try await service.run() }
        try await Task.sleep(for: .milliseconds(500))
        let stopped = ContinuousClock.now
        running.cancel()
        _ = try? await running.value
        #expect(ContinuousClock.now - stopped < .seconds(10))
        #expect(try ShippedWatermark.lags(in: node).allSatisfy { $0.shippedRows == 0 })
    }

    @Test func rowsCommittedAfterABackfillShipOnceWhenShippingGoesOn() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("a.log")
        try FleetFixture.write(FleetFixture.log(count: 1000, from: FleetFixture.day, seed: 4), to: log)
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        let client = try await FleetFixture.createdClient()
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 1000)

        // More lines arrive and are ingested; the service ships them on its next poll.
        let more = FleetFixture.log(count: 1600, from: FleetFixture.day, seed: 4).split(separator: "\n").dropFirst(1000).joined(separator: "\n") + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(more.utf8))
        try handle.close()
        _ = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        var service = FleetFixture.shipper(client, node, node: "a")
        service.pollInterval = .milliseconds(100)
        let running = Task { try await service.run() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try ShippedWatermark.lags(in: node).first?.pendingRows != 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        running.cancel()
        _ = try? await running.value
        #expect(try await ClickHouseReporter(client: client).requestsByNode() == ["a": 1600])
        #expect(try ShippedWatermark.lags(in: node).map(\.shippedRows) == [1600])
    }

    @Test func wrongPasswordIsAnAuthenticationFailureNamingTheUser() async throws {
        let endpoint = try server.endpoint(user: "lens", password: "not-it")
        await #expect(throws: ClickHouseError.authenticationFailed(user: "lens", code: 193, message: "Wrong password for user lens")) {
            try await ClickHouseClient(endpoint: endpoint).serverVersion()
        }
        let right = try server.endpoint(user: "lens", password: ClickHouseServer.password)
        #expect(try await !ClickHouseClient(endpoint: right).serverVersion().isEmpty)
    }

    @Test func nothingListeningIsServerDownAndTransient() async throws {
        let endpoint = try ClickHouseEndpoint(url: "http://127.0.0.1:\(ClickHouseServer.freePort())")
        do {
            _ = try await ClickHouseClient(endpoint: endpoint).serverVersion()
            Issue.record("a port nothing listens on answered")
        } catch {
            guard case .serverDown = error else { Issue.record("expected serverDown, got \(error)"); return }
            #expect(error.isTransient)
        }
    }

    @Test func anUnknownTableIsAnSQLErrorWithClickHousesCode() async throws {
        let client = ClickHouseClient(endpoint: try server.endpoint())
        do {
            _ = try await ClickHouseReporter(client: client).errors(ReportScope())
            Issue.record("a report over a database never created answered")
        } catch {
            guard case .sql(let code, _, _) = error else { Issue.record("expected an SQL error, got \(error)"); return }
            #expect(code == 81 || code == 60)
            #expect(error.description.contains("routelens clickhouse init"))
        }
    }

    @Test(arguments: ["ftp://host:21", "http://", "http://user:pw@host:8123", "not a url"])
    func aBadURLIsRefusedWithWhatToGive(url: String) {
        #expect(throws: ClickHouseError.self) { try ClickHouseEndpoint(url: url) }
        do {
            _ = try ClickHouseEndpoint(url: url)
        } catch {
            #expect(error.description.contains("give --clickhouse as http://HOST:8123"))
            #expect(!error.description.contains("pw@"))
        }
    }
}

/// The shipping service across a ClickHouse crash: it keeps failing and backing off while the server is down,
/// ingest goes on, and once the server is back every row is there once.
@Suite(.serialized)
struct ClickHouseRestartTests {
    @Test func theShipperCatchesUpExactlyOnceAfterClickHouseWasKilledAndRestarted() async throws {
        let server = try ClickHouseServer.ownServer()
        defer { server.kill() }
        let directory = try TemporaryDirectory()
        let log = directory.path("a.log")
        let lines = FleetFixture.log(count: 3000, from: FleetFixture.day, seed: 9).split(separator: "\n")
        try FleetFixture.write(lines.prefix(1000).joined(separator: "\n") + "\n", to: log)
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        let client = ClickHouseClient(endpoint: try server.endpoint())
        _ = try await ClickHouseSchema(client: client).create()
        var service = ClickHouseShipper(client: client, database: node, node: "a", logger: Logger(label: "test"))
        service.pollInterval = .milliseconds(100)
        service.firstRetry = .milliseconds(100)
        service.maxRetry = .milliseconds(400)
        let running = Task { [service] in try await service.run() }
        defer { running.cancel() }
        try await waitUntil { try ShippedWatermark.lags(in: node).first?.shippedRows == 1000 }

        server.kill()
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data((lines.dropFirst(1000).joined(separator: "\n") + "\n").utf8))
        try handle.close()
        _ = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        #expect(try FleetFixture.requestCount(node) == 3000)
        try await Task.sleep(for: .seconds(1))
        #expect(try ShippedWatermark.lags(in: node).first?.pendingRows == 2000)

        let again = try server.restarted()
        try await waitUntil { try ShippedWatermark.lags(in: node).first?.pendingRows == 0 }
        #expect(try await ClickHouseReporter(client: ClickHouseClient(endpoint: again.endpoint(database: client.endpoint.database))).requestsByNode() == ["a": 3000])
    }

    private func waitUntil(_ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("not within 60 s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// What the insert bodies carry arrives as SQLite holds it.
@Suite(.serialized)
struct ShippedTextTests {
    @Test func textWithBackslashesTabsAndNonASCIIArrivesAsSQLiteHoldsIt() async throws {
        let server = try ClickHouseServer.shared.get()
        let directory = try TemporaryDirectory()
        let agent = "agent\\with\tback\u{1}slash ü 日本"
        let line = #"[2025-11-26T00:00:01.000Z] "GET /a\b HTTP/1.1" 200 - 0 10 5 4 "-" "\#(agent)" "r1" "shop.example.com" "10.1.1.7:8080""# + "\n"
        try FleetFixture.write(line, to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let stored = try await node.pool.read { db in try String.fetchOne(db, sql: "SELECT user_agent FROM request_view") }
        #expect(stored == agent)
        let client = ClickHouseClient(endpoint: try server.endpoint())
        _ = try await ClickHouseSchema(client: client).create()
        #expect(try await ClickHouseShipper(client: client, database: node, node: "a", logger: Logger(label: "test")).shipPending() == 1)
        let rows = try await client.rows("SELECT user_agent, path FROM \(client.endpoint.database).requests FORMAT JSONEachRow")
        #expect(rows.map { $0.string("user_agent") } == [agent])
        #expect(rows.map { $0.string("path") } == ["/a\\b"])
    }
}

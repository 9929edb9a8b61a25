#if canImport(Glibc)
import Glibc
#endif
import ClickHouse
import ClickHouseLocalServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Reports
import Storage
import Testing
import TestSupport

/// The `routelens` commands against the real server: kill -9 mid-send, a live daemon after a backfill, and ingest
/// going on when ClickHouse refuses or is not there.
@Suite(.serialized)
struct ShippingCommandTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    private func initialised() throws -> ClickHouseEndpoint {
        let endpoint = try server.endpoint()
        let outcome = try FleetFixture.routelens(["clickhouse", "init", "--clickhouse", server.url, "--clickhouse-database", endpoint.database])
        #expect(outcome.status == 0, "\(outcome.error)")
        return endpoint
    }

    @Test func aBackfillKilledMidSendAndRunAgainLeavesEveryRequestOnce() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 300_000, from: FleetFixture.day, seed: 5), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let endpoint = try initialised()
        let arguments = ["clickhouse", "backfill", "--db", node.path, "--clickhouse", server.url, "--clickhouse-database", endpoint.database, "--node", "a"]

        let first = try FleetFixture.start(arguments)
        // Past the first batch acknowledged, before the last.
        let deadline = Date().addingTimeInterval(120)
        while first.process.isRunning, Date() < deadline, (try? ShippedWatermark.lags(in: node).first?.shippedRows) ?? 0 == 0 {
            usleep(20_000)
        }
        let wasRunning = first.process.isRunning
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(wasRunning, "the backfill finished before it could be killed")
        let shippedBefore = try ShippedWatermark.lags(in: node).first?.shippedRows ?? 0
        #expect(shippedBefore < 300_000)

        let second = try FleetFixture.routelens(arguments)
        #expect(second.status == 0, "\(second.error)")
        let client = ClickHouseClient(endpoint: endpoint)
        #expect(try await ClickHouseReporter(client: client).requestsByNode() == ["a": 300_000])
        // The same requests, counts and classes; SQLite may read its 300k rows from rollups ("method": "histogram",
        // the covered window's end to the minute), ClickHouse reads raw rows, so sources and the end are not compared.
        let fleet = try await ClickHouseReporter(client: client).errors(ReportScope(byTarget: true))
        let local = try Reporter(database: node).errors(ReportScope(byTarget: true))
        #expect(fleet.routes == local.routes)
        #expect(fleet.leftOut == local.leftOut)
        #expect(fleet.from == local.from)
    }

    @Test func theFollowDaemonShipsWhatItIngestsAfterABackfillWithoutDoubles() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("a.log")
        let lines = FleetFixture.log(count: 2000, from: FleetFixture.day, seed: 6).split(separator: "\n")
        try FleetFixture.write(lines.prefix(1200).joined(separator: "\n") + "\n", to: log)
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        let endpoint = try initialised()
        let backfill = try FleetFixture.routelens(["clickhouse", "backfill", "--db", node.path, "--clickhouse", server.url, "--clickhouse-database", endpoint.database, "--node", "a"])
        #expect(backfill.status == 0, "\(backfill.error)")

        let daemon = try FleetFixture.start([
            "ingest", "--follow", "--poll-interval", "0.1", "--db", node.path, "--routes", directory.path("routes.yaml"),
            "--clickhouse", server.url, "--clickhouse-database", endpoint.database, "--node", "a", log,
        ])
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data((lines.dropFirst(1200).joined(separator: "\n") + "\n").utf8))
        try handle.close()
        let client = ClickHouseClient(endpoint: endpoint)
        let deadline = Date().addingTimeInterval(60)
        var shipped: [String: Int] = [:]
        while Date() < deadline {
            shipped = try await ClickHouseReporter(client: client).requestsByNode()
            if shipped["a"] == 2000, try ShippedWatermark.lags(in: node).first?.pendingRows == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        daemon.process.terminate()
        daemon.process.waitUntilExit()
        #expect(shipped == ["a": 2000])
        #expect(daemon.process.terminationStatus == 0, "\(daemon.outcome().error)")
        #expect(try FleetFixture.requestCount(node) == 2000)
    }

    @Test func serveFollowingWithClickHouseShipsWhatItIngestsAndAnswersForTheFleet() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("a.log")
        try FleetFixture.write(FleetFixture.log(count: 800, from: FleetFixture.day, seed: 8), to: log)
        try FleetFixture.write(FleetFixture.log(count: 300, from: FleetFixture.day + 250, seed: 9), to: directory.path("b.log"))
        // Node b shipped already; node a is the one serve follows.
        let nodeB = try FleetFixture.database(directory, name: "b.sqlite", logs: [directory.path("b.log")])
        let endpoint = try initialised()
        let client = ClickHouseClient(endpoint: endpoint)
        _ = try await FleetFixture.shipper(client, nodeB, node: "b").shipPending()
        let port = ClickHouseServer.freePort()
        let serve = try FleetFixture.start([
            "serve", "--db", directory.path("a.sqlite"), "--listen", "127.0.0.1:\(port)", "--follow", log, "--poll-interval", "0.1",
            "--routes", directory.path("routes.yaml"), "--clickhouse", server.url, "--clickhouse-database", endpoint.database, "--node", "a",
        ])
        defer {
            serve.process.terminate()
            serve.process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(60)
        var shipped: [String: Int] = [:]
        while Date() < deadline {
            shipped = try await ClickHouseReporter(client: client).requestsByNode()
            if shipped["a"] == 800 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(shipped == ["a": 800, "b": 300])
        let (body, _) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/api/v1/errors")))
        let answer = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let routes = try #require(answer["routes"] as? [[String: Any]])
        #expect(routes.compactMap { $0["requests"] as? Int }.reduce(0, +) == 1100)
    }

    @Test func ingestGoesOnWhenClickHouseRefusesTheCredentialsOrIsNotThere() throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 500, from: FleetFixture.day, seed: 7), to: directory.path("a.log"))
        try "wrong\n".write(toFile: directory.path("password"), atomically: true, encoding: .utf8)
        _ = try initialised()

        let refused = try FleetFixture.routelens([
            "ingest", "--db", directory.path("a.sqlite"), "--clickhouse", server.url, "--clickhouse-user", "lens",
            "--clickhouse-password-file", directory.path("password"), directory.path("a.log"),
        ])
        #expect(refused.status == 0)
        #expect(refused.error.contains("ClickHouse refused user lens"))
        #expect(!refused.error.contains("wrong"))
        #expect(try FleetFixture.requestCount(RequestDatabase(path: directory.path("a.sqlite"))) == 500)

        let down = try FleetFixture.routelens([
            "ingest", "--db", directory.path("b.sqlite"), "--clickhouse", "http://127.0.0.1:\(ClickHouseServer.freePort())", directory.path("a.log"),
        ])
        #expect(down.status == 0)
        #expect(down.error.contains("did not answer"))
        #expect(try FleetFixture.requestCount(RequestDatabase(path: directory.path("b.sqlite"))) == 500)

        let status = try FleetFixture.routelens(["clickhouse", "status", "--db", directory.path("a.sqlite")])
        #expect(status.output.contains("nothing shipped"))
    }

    @Test func aMalformedURLStopsIngestBeforeItStartsAndSaysWhatToGive() throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 10, from: FleetFixture.day, seed: 8), to: directory.path("a.log"))
        let outcome = try FleetFixture.routelens(["ingest", "--db", directory.path("a.sqlite"), "--clickhouse", "clickhouse:8123", directory.path("a.log")])
        #expect(outcome.status != 0)
        #expect(outcome.error.contains("bad ClickHouse URL"))
    }
}

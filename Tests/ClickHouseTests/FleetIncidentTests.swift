import ClickHouse
import ClickHouseLocalServer
import Foundation
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// `query incident` and `query ratelimit` with `--clickhouse`: the fleet's answers equal SQLite's over both logs.
@Suite(.serialized)
struct FleetIncidentTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    /// Two nodes' logs where clients behind proxies are throttled: every seventh line answered 429 with flag RL.
    private static func throttledLog(count: Int, from: Int64, seed: Int) -> String {
        FleetFixture.log(count: count, from: from, seed: seed).split(separator: "\n").enumerated().map { index, line in
            var line = String(line).replacingOccurrences(of: #""-" "curl/8""#, with: #""10.0.\#(index % 5).\#(seed), 192.168.0.1" "curl/8""#)
            if index % 7 == 0 { line = line.replacingOccurrences(of: " 200 - ", with: " 429 RL ") }
            return line
        }
        .joined(separator: "\n") + "\n"
    }

    private func shipped(_ directory: TemporaryDirectory, logs: [(String, String)]) async throws -> (ClickHouseReporter, Reporter) {
        let client = try await FleetFixture.createdClient()
        let shipped = try await FleetFixture.shippedNodes(logs.map { (node: $0.0, log: $0.1) }, through: client, in: directory)
        return (ClickHouseReporter(client: client), Reporter(database: shipped.both))
    }

    @Test func theFleetsIncidentIsSQLitesOverBothLogs() async throws {
        let directory = try TemporaryDirectory()
        let (fleet, local) = try await shipped(directory, logs: [
            ("a", FleetFixture.log(count: 1800, from: FleetFixture.day, seed: 31)), ("b", FleetFixture.log(count: 1200, from: FleetFixture.day + 500, seed: 32)),
        ])
        let (from, to) = (FleetFixture.day + 130_000, FleetFixture.day + 1_500_000)
        let incident = try await fleet.incident(route: nil, from: from, to: to)
        let expected = try local.incident(route: nil, from: from, to: to)
        #expect(incident == expected)
        #expect(incident.routes.first?.minutes.count == 23)
        #expect(incident.routes.first?.requestIDs.isEmpty == false)
        #expect(try await fleet.newestRequestTime() == (try local.newestRequestTime()))
    }

    @Test func theFleetsThrottledClientsAreSQLitesOverBothLogs() async throws {
        let directory = try TemporaryDirectory()
        let (fleet, local) = try await shipped(directory, logs: [
            ("a", Self.throttledLog(count: 700, from: FleetFixture.day, seed: 33)), ("b", Self.throttledLog(count: 500, from: FleetFixture.day + 500, seed: 34)),
        ])
        let report = try await fleet.rateLimits(ReportScope())
        #expect(report == (try local.rateLimits(ReportScope())))
        #expect(report.routes.first?.throttled == 154)
        #expect(report.routes.first?.clients.count == 10)
    }
}

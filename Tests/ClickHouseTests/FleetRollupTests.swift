import ClickHouse
import ClickHouseLocalServer
import Foundation
import GRDB
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// Rollups shipped beside the raw rows, and the fleet reports reading them for long windows as SQLite's reports do.
@Suite(.serialized)
struct FleetRollupTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    /// Windows a report plans as rollups with raw edges: everything, and one whose edges fall inside minutes.
    private static let scopes = [
        ReportScope(byTarget: true),
        ReportScope(from: FleetFixture.day + 90_000, to: FleetFixture.day + 7_230_500, byTarget: true),
    ]

    @Test func twoNodesAnswerFromRollupsAsBothLogsIngestedIntoOneSQLiteDo() async throws {
        let directory = try TemporaryDirectory()
        // Two and a half hours of node a, one of node b: hour tiles, minute tiles and raw edges.
        let client = try await FleetFixture.createdClient()
        let both = try await FleetFixture.shippedNodes(
            [("a", FleetFixture.log(count: 9000, from: FleetFixture.day, seed: 11)), ("b", FleetFixture.log(count: 3600, from: FleetFixture.day + 1_800_500, seed: 12))],
            through: client, in: directory
        ).both

        var fleet = ClickHouseReporter(client: client)
        fleet.exactRowLimit = 0
        let local = Reporter(database: both, exactRowLimit: 0)
        for scope in Self.scopes {
            let errors = try await fleet.errors(scope)
            #expect(errors == (try local.errors(scope)))
            #expect(errors.method == .histogram)
            #expect(try await fleet.latency(scope) == (try local.latency(scope)))
            #expect(try await fleet.split(scope, history: try both.routeWeightHistory()) == (try local.split(scope)))
        }
        #expect(try await fleet.errors(ReportScope()).routes.map(\.requests) == [12_600])
    }

    @Test func aMinuteShippedAgainWithMoreRequestsCountsOnlyItsLatestCopy() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.path("a.log")
        let lines = FleetFixture.log(count: 300, from: FleetFixture.day, seed: 13).split(separator: "\n")
        // The first 90 lines end in the middle of the second minute; the rest add to it.
        try FleetFixture.write(lines.prefix(90).joined(separator: "\n") + "\n", to: log)
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        let client = try await FleetFixture.createdClient()
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 90)
        try FleetFixture.write(lines.joined(separator: "\n") + "\n", to: log)
        _ = try FleetFixture.database(directory, name: "a.sqlite", logs: [log])
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 210)

        var fleet = ClickHouseReporter(client: client)
        fleet.exactRowLimit = 0
        let errors = try await fleet.errors(ReportScope(byTarget: true))
        #expect(errors == (try Reporter(database: node, exactRowLimit: 0).errors(ReportScope(byTarget: true))))
        #expect(errors.routes.reduce(0) { $0 + $1.requests } == 300)
    }

    @Test func aNodeWhoseRawRowsRetentionDeletedShipsItsHistoryAsRollups() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 7200, from: FleetFixture.day, seed: 14), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        // Keep only the last half hour of raw rows.
        let retention = RawRetention(database: node, keepingMilliseconds: 1_800_000)
        while try retention.deleteOldestMinute(now: FleetFixture.day + 7_200_000) > 0 {}
        let client = try await FleetFixture.createdClient()
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 1800)

        let fleet = ClickHouseReporter(client: client)
        let errors = try await fleet.errors(ReportScope(byTarget: true))
        #expect(errors == (try Reporter(database: node).errors(ReportScope(byTarget: true))))
        #expect(errors.routes.reduce(0) { $0 + $1.requests } == 7200)
    }

    @Test func retentionKeepsRawRowsClickHouseHasNotAcknowledged() async throws {
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 3600, from: FleetFixture.day, seed: 15), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let client = try await FleetFixture.createdClient()
        var retention = RawRetention(database: node, keepingMilliseconds: 600_000)
        retention.holds = [ShippedWatermark.retentionHold(destination: client.endpoint.destination, node: "a")]

        #expect(try retention.deleteOldestMinute(now: FleetFixture.day + 3_600_000) == 0)
        #expect(try retention.heldRows(now: FleetFixture.day + 3_600_000).map(\.rows) == [3000])
        #expect(try await FleetFixture.shipper(client, node, node: "a").shipPending() == 3600)
        #expect(try retention.deleteOldestMinute(now: FleetFixture.day + 3_600_000) == 60)
        #expect(try retention.heldRows(now: FleetFixture.day + 3_600_000).isEmpty)
    }
}

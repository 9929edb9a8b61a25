import Foundation
import GRDB
import Routing
import TestSupport
import Testing

@testable import Storage

@Suite("Route weight history")
struct RouteWeightHistoryTests {
    let temporary: TemporaryDatabase
    let database: RequestDatabase

    init() throws {
        temporary = try TemporaryDatabase()
        database = try RequestDatabase(path: temporary.path)
    }

    /// The canary route file with the canary at `weight` percent.
    func canary(_ weight: Int) throws -> RouteTable {
        try RouteTable(documents: Data(CanaryRouteFile.yaml(canaryWeight: weight).utf8), source: "canary-\(weight).yaml")
    }

    /// Records, in the order given, the canary at `weight` percent in force from `time`; returns whether each
    /// recorded anything.
    @discardableResult
    func record(_ versions: (weight: Int, time: Int64)...) throws -> [Bool] {
        try versions.map { try database.recordRouteWeights(of: canary($0.weight), effectiveAt: $0.time) }
    }

    /// The history as `canary weight @ effective time` for each version.
    func history() throws -> [String] {
        try database.routeWeightHistory().map { version in
            let canary = version.weights.first { $0.target == "checkout-canary" }
            return "\(canary.map { String($0.weight) } ?? "-")@\(version.effectiveAt)"
        }
    }

    @Test("A version is recorded with the instant it takes effect, every target with its weight")
    func recordsVersion() throws {
        #expect(try record((10, 1_000)) == [true])
        #expect(try database.routeWeightHistory() == [
            RouteWeightVersion(effectiveAt: 1_000, weights: [
                RouteWeight(route: "checkout", target: "checkout-canary", weight: 10),
                RouteWeight(route: "checkout", target: "checkout-stable", weight: 90),
            ])
        ])
    }

    @Test("Weights identical to the version in force at the instant record nothing")
    func identicalRecordsNothing() throws {
        #expect(try record((10, 1_000), (10, 2_000)) == [true, false])
        #expect(try history() == ["10@1000"])
    }

    @Test("Versions recorded out of order each stay in force until the next by time")
    func outOfOrder() throws {
        try record((10, 1_000), (100, 3_000), (50, 2_000))
        #expect(try history() == ["10@1000", "50@2000", "100@3000"])
    }

    @Test("An earlier import equal to the next version moves that change earlier instead of repeating it")
    func earlierImportOfNextVersion() throws {
        try record((10, 1_000), (50, 3_000), (50, 2_000))
        #expect(try history() == ["10@1000", "50@2000"])
    }

    @Test("A version recorded at an instant that has one replaces it")
    func sameInstantReplaces() throws {
        try record((10, 1_000), (25, 2_000), (50, 2_000))
        #expect(try history() == ["10@1000", "50@2000"])
    }

    @Test("The first table an ingest records is in force since the beginning; a different later one from the ingest's time")
    func ingestedTables() throws {
        for (weight, now) in [(10, 5_000), (10, 6_000), (50, 7_000)] as [(Int, Int64)] {
            try database.recordRouteWeights(ofIngested: canary(weight), now: now)
        }
        #expect(try history() == ["10@\(RouteWeightVersion.beginning)", "50@7000"])
    }

    @Test("Migration v6 turns the route_target rows of v4 into the version in force since the beginning")
    func migratesRouteTargets() throws {
        let temporary = try TemporaryDatabase()
        let pool = try DatabasePool(path: temporary.path)
        try RequestDatabase.migrator.migrate(pool, upTo: "v4: labels stored once, requests refer to them by id")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO route_target (route, target, weight) VALUES ('orders', 'orders-v1', 80), ('orders', 'orders-v2', 20)")
        }

        let history = try RequestDatabase(path: temporary.path).routeWeightHistory()

        #expect(history == [
            RouteWeightVersion(effectiveAt: RouteWeightVersion.beginning, weights: [
                RouteWeight(route: "orders", target: "orders-v1", weight: 80),
                RouteWeight(route: "orders", target: "orders-v2", weight: 20),
            ])
        ])
    }
}

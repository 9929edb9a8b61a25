import Platform
import Foundation
import GRDB
package import Routing

extension RequestDatabase {
    /// Records the weights of `table` as the version in force from `effectiveAt`, milliseconds since the epoch
    /// (UTC), as `routelens routes import --effective` and the follow daemon do.
    ///
    /// The history stays a sequence of versions that each differ from the one before, in whatever order versions
    /// are recorded: a version recorded at an instant that already has one replaces it, and one recorded between
    /// two others (an import with an earlier `--effective`) takes effect until the next, which is dropped if it
    /// has become the same as the one before it.
    ///
    /// - Returns: `false`, recording nothing, when these weights are already the ones in force at `effectiveAt`.
    @discardableResult
    package func recordRouteWeights(of table: RouteTable, effectiveAt: Int64) throws(StorageError) -> Bool {
        try record(RouteWeight.weights(of: table)) { _ in effectiveAt }
    }

    /// Records the route table an ingest was given at `now`: in force since the beginning when the database has
    /// no version yet (the logs a first ingest reads are older than the ingest), otherwise from `now` when it
    /// differs from the version in force then.
    ///
    /// So backfilling old logs with today's route files leaves the weights of earlier versions in force for
    /// the old requests; `routes import --effective` says when a table took effect when that is known.
    ///
    /// - Returns: `false`, recording nothing, when the table's weights are the ones in force at `now`.
    @discardableResult
    package func recordRouteWeights(ofIngested table: RouteTable, now: Int64) throws(StorageError) -> Bool {
        try record(RouteWeight.weights(of: table)) { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM route_weight_version)")! ? now : RouteWeightVersion.beginning
        }
    }

    /// Every version of the route weights, oldest first.
    package func routeWeightHistory() throws(StorageError) -> [RouteWeightVersion] {
        do {
            return try pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT effective_at, route, target, weight FROM route_weight")
                let weights = Dictionary(grouping: rows) { $0["effective_at"] as Int64 }
                return try Int64.fetchAll(db, sql: "SELECT effective_at FROM route_weight_version ORDER BY effective_at").map { time in
                    RouteWeightVersion(effectiveAt: time, weights: (weights[time] ?? []).map(Self.routeWeight).sorted())
                }
            }
        } catch {
            throw StorageError(error, operation: .read("route weight history"), path: path)
        }
    }

    /// Records `weights` from the instant `effectiveAt` chooses inside the write transaction; see
    /// ``recordRouteWeights(of:effectiveAt:)``. No version in force and a version without weights are the same.
    private func record(_ weights: [RouteWeight], effectiveAt: (Database) throws -> Int64) throws(StorageError) -> Bool {
        do {
            return try write { db in
                let time = try effectiveAt(db)
                let before = try Int64.fetchOne(db, sql: "SELECT max(effective_at) FROM route_weight_version WHERE effective_at < ?", arguments: [time])
                let after = try Int64.fetchOne(db, sql: "SELECT min(effective_at) FROM route_weight_version WHERE effective_at > ?", arguments: [time])
                let weightsBefore = try before.map { try Self.weights(effectiveAt: $0, in: db) } ?? []
                let weightsAt = try Self.hasVersion(effectiveAt: time, in: db) ? Self.weights(effectiveAt: time, in: db) : weightsBefore
                guard weightsAt != weights else { return false }
                try db.execute(sql: "DELETE FROM route_weight_version WHERE effective_at = ?", arguments: [time])
                if weightsBefore != weights {
                    try db.execute(sql: "INSERT INTO route_weight_version (effective_at, recorded_at) VALUES (?, ?)", arguments: [time, SystemWallClock().now])
                    for weight in weights {
                        try db.execute(
                            sql: "INSERT INTO route_weight (effective_at, route, target, weight) VALUES (?, ?, ?, ?)",
                            arguments: [time, weight.route, weight.target, weight.weight]
                        )
                    }
                }
                if let after, try Self.weights(effectiveAt: after, in: db) == weights {
                    try db.execute(sql: "DELETE FROM route_weight_version WHERE effective_at = ?", arguments: [after])
                }
                return true
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(error, operation: .write, path: path)
        }
    }

    private static func hasVersion(effectiveAt time: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM route_weight_version WHERE effective_at = ?)", arguments: [time])!
    }

    private static func weights(effectiveAt time: Int64, in db: Database) throws -> [RouteWeight] {
        try Row.fetchAll(db, sql: "SELECT route, target, weight FROM route_weight WHERE effective_at = ?", arguments: [time]).map(routeWeight).sorted()
    }

    private static func routeWeight(_ row: Row) -> RouteWeight {
        RouteWeight(route: row["route"], target: row["target"], weight: row["weight"])
    }

}

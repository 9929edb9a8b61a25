import GRDB

/// One configured target of a route and its weight, as recorded at ingest for the split report.
package struct RouteWeight: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "route_target"

    package var route: String
    package var target: String
    package var weight: Int

    package init(route: String, target: String, weight: Int) {
        self.route = route
        self.target = target
        self.weight = weight
    }
}

extension RequestDatabase {
    /// Replaces the recorded route table with `weights`.
    package func replaceRouteWeights(_ weights: [RouteWeight]) throws {
        try write { db in
            try RouteWeight.deleteAll(db)
            for weight in weights { try weight.insert(db) }
        }
    }

    package func routeWeights() throws(StorageError) -> [RouteWeight] {
        do {
            return try pool.read { db in try RouteWeight.order(Column("route"), Column("target")).fetchAll(db) }
        } catch {
            throw StorageError.queryFailed(report: "route weights", reason: "\(error)")
        }
    }
}

import GRDB
package import Routing

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
    /// Records the targets and weights of `table` as the route table in force, for the split report.
    package func recordRouteWeights(of table: RouteTable) throws {
        try write { db in
            try RouteWeight.deleteAll(db)
            for route in table.routes {
                for target in route.targets {
                    try RouteWeight(route: route.name, target: target.name, weight: target.weight).insert(db)
                }
            }
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

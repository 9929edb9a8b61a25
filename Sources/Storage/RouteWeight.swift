package import Routing

/// One configured target of a route and its weight, as one version of the route weights records it.
package struct RouteWeight: Sendable, Hashable, Comparable {
    package var route: String
    package var target: String
    package var weight: Int

    package init(route: String, target: String, weight: Int) {
        self.route = route
        self.target = target
        self.weight = weight
    }

    /// Every target of every route of `table` with its weight, by route and target.
    package static func weights(of table: RouteTable) -> [RouteWeight] {
        table.routes.flatMap { route in
            route.targets.map { RouteWeight(route: route.name, target: $0.name, weight: $0.weight) }
        }.sorted()
    }

    /// By route, then target, then weight.
    package static func < (left: RouteWeight, right: RouteWeight) -> Bool {
        (left.route, left.target, left.weight) < (right.route, right.target, right.weight)
    }
}

/// The routes RouteLens attributes requests to: in definition order, by name, and in App Mesh matching order.
///
/// ```swift
/// let table = try RouteTable(merging: [
///     RouteTable(appMeshJSON: gatewayRoutes, source: "gateway-routes.json"),
///     RouteTable(appMeshJSON: routerRoutes, source: "router-routes.json"),
/// ])
/// if let route = table.route(matching: request) { … }
/// ```
package struct RouteTable: Sendable, Equatable {
    /// All routes in definition order (sources in the order they were merged).
    package let routes: [Route]
    private let indexByName: [String: Int]
    /// Indices into `routes` in the order ``route(matching:)`` tries them.
    private let matchOrder: [Int]

    /// Builds a table from routes in definition order.
    ///
    /// - Throws: ``RouteConfigError`` when two routes share a name; the error names both definitions.
    init(_ routes: [Route]) throws(RouteConfigError) {
        var indexByName: [String: Int] = [:]
        for (index, route) in routes.enumerated() {
            if let earlier = indexByName[route.name] {
                throw RouteConfigError(
                    source: route.origin.source,
                    location: .jsonPath(route.origin.jsonPath),
                    problem: "duplicate route name \"\(route.name)\": already defined in \(routes[earlier].origin); "
                        + "route names must be unique across all route sources, so rename or remove one of them"
                )
            }
            indexByName[route.name] = index
        }
        self.routes = routes
        self.indexByName = indexByName
        self.matchOrder = routes.indices.sorted { left, right in
            Self.matchRank(routes[left], at: left) < Self.matchRank(routes[right], at: right)
        }
    }

    /// Combines tables decoded from several sources, keeping their order.
    ///
    /// - Throws: ``RouteConfigError`` when a route name appears in more than one source (or twice in one).
    package init(merging tables: [RouteTable]) throws(RouteConfigError) {
        try self.init(tables.flatMap(\.routes))
    }

    /// The route named `name` (its `gatewayRouteName` or `routeName`).
    package func route(named name: String) -> Route? {
        indexByName[name].map { routes[$0] }
    }

    /// The route App Mesh would pick for `request`, or `nil` when no route matches.
    ///
    /// Routes are tried by `priority` (0 first; routes without one after all that have one), then by how
    /// specific their path condition is (exact path, regex path, longer prefix, shorter prefix, none),
    /// then in definition order; the first whose every condition holds wins. App Mesh documents the
    /// priority rule in [`GatewayRouteSpec`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteSpec.html)
    /// and [`RouteSpec`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteSpec.html).
    package func route(matching request: RequestAttributes) -> Route? {
        for index in matchOrder where routes[index].match.matches(request) {
            return routes[index]
        }
        return nil
    }

    private static func matchRank(_ route: Route, at index: Int) -> (Int, Int, Int, Int) {
        let specificity = route.match.specificity
        return (route.priority ?? Int.max, specificity.rank, specificity.negatedPrefixLength, index)
    }
}

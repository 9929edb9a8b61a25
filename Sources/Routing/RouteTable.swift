/// The routes RouteLens attributes requests to: in definition order, by name, and in matching order.
///
/// ```swift
/// let table = try RouteTable(merging: [
///     RouteTable(appMeshJSON: gatewayRoutes, source: "gateway-routes.json"),
///     RouteTable(documents: httpRoutes, source: "httproutes.yaml"),
/// ])
/// if let route = table.route(matching: request) { … }
/// ```
package struct RouteTable: Sendable, Equatable {
    /// One alternative of one route, in the order ``route(matching:)`` tries them.
    private struct Candidate: Sendable, Equatable {
        let route: Int
        let match: Int
    }

    /// All routes in definition order (sources in the order they were merged).
    package let routes: [Route]
    /// Route indices by ``Route/name`` and by each of its ``Route/loggedNames``.
    private let indexByName: [String: Int]
    private let matchOrder: [Candidate]

    /// Builds a table from routes in definition order.
    ///
    /// - Throws: ``RouteConfigError`` when two routes share a name; the error names both definitions.
    init(_ routes: [Route]) throws(RouteConfigError) {
        var indexByName: [String: Int] = [:]
        for (index, route) in routes.enumerated() {
            for name in [route.name] + route.loggedNames {
                if let earlier = indexByName[name] {
                    throw RouteConfigError(
                        source: route.origin.source,
                        location: .jsonPath(route.origin.jsonPath),
                        problem: "duplicate route name \"\(name)\": already defined in \(routes[earlier].origin); "
                            + "route names must be unique across all route sources, so rename or remove one of them"
                    )
                }
                indexByName[name] = index
            }
        }
        self.routes = routes
        self.indexByName = indexByName
        let candidates = routes.indices.flatMap { route in
            routes[route].matches.indices.map { Candidate(route: route, match: $0) }
        }
        let keys = candidates.map { Self.precedence(of: routes[$0.route], alternative: $0.match, definedAt: $0.route) }
        self.matchOrder = candidates.indices.sorted { keys[$0] < keys[$1] }.map { candidates[$0] }
    }

    /// Combines tables decoded from several sources, keeping their order.
    ///
    /// - Throws: ``RouteConfigError`` when a route name appears in more than one source (or twice in one).
    package init(merging tables: [RouteTable]) throws(RouteConfigError) {
        try self.init(tables.flatMap(\.routes))
    }

    /// The route a logged `%ROUTE_NAME%` names, or `nil` when it names none of this table's routes.
    ///
    /// Besides each route's ``Route/name`` and ``Route/loggedNames`` this recognises Envoy Gateway's per-match
    /// names: `httproute/<namespace>/<name>/rule/<i>/match/<j>/<hostname>` names the route of rule `i`.
    package func route(named name: String) -> Route? {
        if let index = indexByName[name] { return routes[index] }
        guard name.hasPrefix("httproute/") || name.hasPrefix("grpcroute/"),
              let match = name.firstRange(of: "/match/"),
              let index = indexByName[String(name[..<match.lowerBound])],
              case .envoyGateway = routes[index].platform
        else { return nil }
        return routes[index]
    }

    /// The route the proxy would pick for `request`, or `nil` when no route matches.
    ///
    /// Each route's alternatives are tried in its platform's precedence order (see `RouteTable+Precedence.swift`);
    /// the first alternative whose every condition holds wins. App Mesh routes are tried before Gateway API
    /// rules, those before Istio routes, and those before RouteLens route files' routes: one gateway runs one platform, and a table holding several is
    /// one being migrated, whose requests carry the route name of the platform that served them.
    package func route(matching request: RequestAttributes) -> Route? {
        for candidate in matchOrder where routes[candidate.route].matches[candidate.match].matches(request) {
            return routes[candidate.route]
        }
        return nil
    }
}

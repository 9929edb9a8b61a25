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
    /// What loading the sources noticed but did not refuse, such as TCP routes left out (see ``RouteConfigWarning``).
    package let warnings: [RouteConfigWarning]
    /// Route indices by ``Route/name`` and by each of its ``Route/loggedNames``; a logged name can name several routes
    /// when the platform allows one name in several scopes (Istio's `primary` in two `VirtualService`s).
    private let indicesByName: [String: [Int]]
    private let matchOrder: [Candidate]

    /// Builds a table from routes in definition order.
    ///
    /// Names must be unique where the platform requires it (``Route/scope``): routes of one name in different scopes
    /// are kept, each reported as `<scope>/<name>` and still answering to the name the proxy logs.
    ///
    /// - Throws: ``RouteConfigError`` when two routes share a name within one scope (or one has no scope); the error
    ///   names both definitions.
    init(_ routes: [Route], warnings: [RouteConfigWarning] = []) throws(RouteConfigError) {
        let routes = try Self.qualifyingSharedNames(routes)
        var indicesByName: [String: [Int]] = [:]
        for (index, route) in routes.enumerated() {
            if let earlier = indicesByName[route.name]?.first {
                throw Self.duplicate(route.name, route, earlier: routes[earlier])
            }
            for name in [route.name] + route.loggedNames where indicesByName[name]?.last != index {
                indicesByName[name, default: []].append(index)
            }
        }
        self.routes = routes
        self.warnings = warnings
        self.indicesByName = indicesByName
        let candidates = routes.indices.flatMap { route in
            routes[route].matches.indices.map { Candidate(route: route, match: $0) }
        }
        let keys = candidates.map { Self.precedence(of: routes[$0.route], alternative: $0.match, definedAt: $0.route) }
        self.matchOrder = candidates.indices.sorted { keys[$0] < keys[$1] }.map { candidates[$0] }
    }

    /// `routes` with each name that several scopes use qualified by its scope; an error for a name used twice in one scope.
    private static func qualifyingSharedNames(_ routes: [Route]) throws(RouteConfigError) -> [Route] {
        var byName: [String: [Int]] = [:]
        for (index, route) in routes.enumerated() {
            for name in [route.name] + route.loggedNames where byName[name]?.last != index {
                byName[name, default: []].append(index)
            }
        }
        var qualify = Set<Int>()
        for (name, indices) in byName where indices.count > 1 {
            var scopes: [String: Int] = [:]
            for index in indices {
                // A shared logged name (Istio's `<name>.<match>`) is told apart like the name itself.
                guard let scope = routes[index].scope, scopes[scope] == nil else {
                    // The other definition it clashes with: the one of its scope, or any when it has none.
                    let other = scopes[routes[index].scope ?? ""] ?? indices.first { $0 != index } ?? index
                    throw duplicate(name, routes[max(index, other)], earlier: routes[min(index, other)])
                }
                scopes[scope] = index
            }
            qualify.formUnion(indices.filter { routes[$0].name == name })
        }
        return routes.enumerated().map { qualify.contains($0.offset) ? $0.element.qualifiedByScope() : $0.element }
    }

    private static func duplicate(_ name: String, _ route: Route, earlier: Route) -> RouteConfigError {
        let scope = route.scope.map { " within \($0)" } ?? ""
        return RouteConfigError(
            source: route.origin.source,
            location: .jsonPath(route.origin.jsonPath),
            problem: "duplicate route name \"\(name)\"\(scope): already defined in \(earlier.origin); "
                + "route names must be unique \(route.scope == nil ? "across all route sources" : "where the platform requires it")"
                + ", so rename or remove one of them"
        )
    }

    /// Combines tables decoded from several sources, keeping their order.
    ///
    /// - Throws: ``RouteConfigError`` when a route name appears in more than one source (or twice in one).
    package init(merging tables: [RouteTable]) throws(RouteConfigError) {
        try self.init(tables.flatMap(\.routes), warnings: tables.flatMap(\.warnings))
    }

    /// The route a logged `%ROUTE_NAME%` names, or `nil` when it names none of this table's routes, or several
    /// (see ``routeIndices(named:)``).
    package func route(named name: String) -> Route? {
        let indices = routeIndices(named: name)
        return indices.count == 1 ? routes[indices[0]] : nil
    }

    /// The indices in ``routes`` of the routes a logged `%ROUTE_NAME%` names: none, one, or several when the platform
    /// lets several scopes use the name (two Istio `VirtualService`s' `primary`).
    ///
    /// Besides each route's ``Route/name`` and ``Route/loggedNames`` this recognises Envoy Gateway's per-match
    /// names: `httproute/<namespace>/<name>/rule/<i>/match/<j>/<hostname>` names the route of rule `i`.
    package func routeIndices(named name: String) -> [Int] {
        if let indices = indicesByName[name] { return indices }
        guard name.hasPrefix("httproute/") || name.hasPrefix("grpcroute/"),
              let match = name.firstRange(of: "/match/"),
              let indices = indicesByName[String(name[..<match.lowerBound])],
              indices.count == 1, case .envoyGateway = routes[indices[0]].platform
        else { return [] }
        return indices
    }

    /// The route the proxy would pick for `request`, or `nil` when no route matches.
    ///
    /// Each route's alternatives are tried in its platform's precedence order (see `RouteTable+Precedence.swift`);
    /// the first alternative whose every condition holds wins. App Mesh routes are tried before Gateway API
    /// rules, those before Istio routes, and those before RouteLens route files' routes: one gateway runs one platform, and a table holding several is
    /// one being migrated, whose requests carry the route name of the platform that served them.
    package func route(matching request: RequestAttributes) -> Route? {
        routeIndex(matching: request).map { routes[$0] }
    }

    /// The index in ``routes`` of the route ``route(matching:)`` picks; among `candidates` only, when given.
    package func routeIndex(matching request: RequestAttributes, among candidates: [Int]? = nil) -> Int? {
        for candidate in matchOrder where candidates?.contains(candidate.route) ?? true
            && routes[candidate.route].matches[candidate.match].matches(request) {
            return candidate.route
        }
        return nil
    }

    /// The routes in the order ``route(matching:)`` tries them: each where its first-tried alternative is.
    package var routesInMatchingOrder: [Route] {
        var seen = Set<Int>()
        return matchOrder.compactMap { seen.insert($0.route).inserted ? routes[$0.route] : nil }
            + routes.indices.filter { !seen.contains($0) }.map { routes[$0] }
    }
}

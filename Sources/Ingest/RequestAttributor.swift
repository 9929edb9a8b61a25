import AccessLog
package import Routing

/// Decides which route and target a request counts under.
///
/// Route: the logged `%ROUTE_NAME%` when it names a configured route; else the first configured route
/// whose match the request satisfies; else `(unmatched)`. Without a route table: the logged route name,
/// else the upstream cluster, else `(unmatched)`.
///
/// Target: a configured target recognised in the logged `%UPSTREAM_CLUSTER%` (App Mesh
/// `cds_egress_<mesh>_<node>_<protocol>_<port>`, Istio `outbound|<port>|<subset>|<host>`); a route with a
/// single target takes it for every request that reached an upstream. Requests that reached no upstream
/// host (NR, UH, local replies) have no target: they count against the route, not a target.
package struct RequestAttributor: Sendable {
    /// The route of requests that match no configured route; they are reported, never dropped.
    package static let unmatched = "(unmatched)"

    package let routes: RouteTable?

    package init(routes: RouteTable?) {
        self.routes = routes
    }

    func attribute(_ parser: LineParser) -> (route: String, target: String?) {
        let cluster = parser.string(.upstreamCluster)
        let reachedUpstream = parser.text(.upstreamHost) != nil
        guard let routes else {
            let route = parser.string(.routeName) ?? cluster ?? Self.unmatched
            return (route, reachedUpstream ? cluster : nil)
        }
        guard let route = configuredRoute(for: parser, in: routes) else {
            return (parser.isTCP ? (cluster ?? Self.unmatched) : Self.unmatched, nil)
        }
        guard reachedUpstream else { return (route.name, nil) }
        if let cluster, let target = route.target(forUpstreamCluster: cluster) {
            return (route.name, target.name)
        }
        return (route.name, route.targets.count == 1 ? route.targets[0].name : nil)
    }

    private func configuredRoute(for parser: LineParser, in routes: RouteTable) -> Route? {
        if let name = parser.string(.routeName), let route = routes.route(named: name) {
            return route
        }
        guard !parser.isTCP, let path = parser.string(.path) else { return nil }
        let request = RequestAttributes(
            method: parser.string(.method) ?? "",
            authority: parser.string(.authority) ?? "",
            path: path
        )
        return routes.route(matching: request)
    }
}

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

    /// Per-file memory of resolved names; see ``AttributionCache``.
    struct Memory {
        var targets = AttributionCache<String?>()
        var namedRoutes = AttributionCache<Route?>()
    }

    func attribute(_ parser: LineParser, memory: inout Memory) -> (route: String, target: String?) {
        let cluster = parser.text(.upstreamCluster)
        let reachedUpstream = parser.text(.upstreamHost) != nil
        guard let routes else {
            let route = parser.string(.routeName) ?? parser.string(.upstreamCluster) ?? Self.unmatched
            return (route, reachedUpstream ? parser.string(.upstreamCluster) : nil)
        }
        guard let route = configuredRoute(for: parser, in: routes, memory: &memory) else {
            return (parser.isTCP ? (parser.string(.upstreamCluster) ?? Self.unmatched) : Self.unmatched, nil)
        }
        guard reachedUpstream else { return (route.name, nil) }
        guard let cluster else {
            return (route.name, route.targets.count == 1 ? route.targets[0].name : nil)
        }
        let target = memory.targets.value(scope: route.name, key: cluster) {
            let name = String(decoding: cluster, as: UTF8.self)
            return route.target(forUpstreamCluster: name)?.name ?? (route.targets.count == 1 ? route.targets[0].name : nil)
        }
        return (route.name, target)
    }

    private func configuredRoute(for parser: LineParser, in routes: RouteTable, memory: inout Memory) -> Route? {
        if let name = parser.text(.routeName),
            let route = memory.namedRoutes.value(scope: "", key: name, compute: { routes.route(named: String(decoding: name, as: UTF8.self)) })
        {
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

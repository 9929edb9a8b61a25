import AccessLog
package import Operations
package import Routing
import RequestBatches

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
///
/// Operation: with OpenAPI documents, the operation the method, authority and path match (`GET /orders/{id}`).
///
/// Class: a request whose User-Agent starts with one of ``healthCheckAgents`` is a health check; one
/// logged with an Istio `inbound|…` upstream cluster is the server-side sidecar's copy of a request
/// (Istio logs each request on both sidecars). Both are stored; the reports leave them out by default.
package struct RequestAttributor: Sendable {
    /// The route of requests that match no configured route; they are reported, never dropped.
    package static let unmatched = "(unmatched)"

    /// User-Agent prefixes of health checkers: Envoy's active health checks, Kubernetes probes, AWS ELB and
    /// Route 53, Google Cloud load balancers and Consul.
    package static let healthCheckAgents = [
        "Envoy/HC", "kube-probe/", "ELB-HealthChecker/", "GoogleHC/", "Consul Health Check", "Amazon-Route53-Health-Check-Service",
    ]

    private static let healthCheckAgentBytes = healthCheckAgents.map { Array($0.utf8) }

    package let routes: RouteTable?
    package let operations: OperationMatcher?

    package init(routes: RouteTable?, operations: OperationMatcher? = nil) {
        self.routes = routes
        self.operations = operations
    }

    /// Per-file memory of resolved names and matched routes; see ``AttributionCache`` and ``PrefixRouteMemo``.
    /// Routes are remembered by their index in the table: copying a `Route` retains a dozen strings.
    struct Memory {
        var targets = AttributionCache<String?>()
        /// The routes a logged route name names: usually one, several when scopes share it (see `RouteTable.routeIndices(named:)`).
        var namedRoutes = AttributionCache<[Int]>()
        var hostTargets = AttributionCache<String?>()
        var matchedRoutes: PrefixRouteMemo?

        init(attributor: RequestAttributor) {
            matchedRoutes = attributor.routes.flatMap(PrefixRouteMemo.init(routes:))
        }
    }

    func attribute(_ parser: LineParser, memory: inout Memory) -> RequestAttribution {
        let (route, target) = routeAndTarget(parser, memory: &memory)
        var attribution = RequestAttribution(route: route, target: target)
        if let operations, let method = parser.text(.method), let path = parser.text(.path) {
            attribution.operation = operations.operation(method: method, authority: parser.text(.authority) ?? UnsafeRawBufferPointer(start: nil, count: 0), path: path)?.displayName
        }
        if let agent = parser.text(.userAgent) {
            attribution.isHealthCheck = Self.healthCheckAgentBytes.contains { agent.starts(with: $0) }
        }
        if let cluster = parser.text(.upstreamCluster) {
            attribution.isInbound = cluster.starts(with: "inbound|".utf8)
        }
        return attribution
    }

    private func routeAndTarget(_ parser: LineParser, memory: inout Memory) -> (route: String, target: String?) {
        let cluster = parser.text(.upstreamCluster)
        let reachedUpstream = parser.text(.upstreamHost) != nil
        guard let routes else {
            let route = parser.string(.routeName) ?? parser.string(.upstreamCluster) ?? Self.unmatched
            return (route, reachedUpstream ? parser.string(.upstreamCluster) : nil)
        }
        guard let index = configuredRoute(for: parser, in: routes, memory: &memory) else {
            return (parser.isTCP ? (parser.string(.upstreamCluster) ?? Self.unmatched) : Self.unmatched, nil)
        }
        let name = routes.routes[index].name
        // A cluster that names a target names it whether or not an upstream host was reached: Istio logs a 503 UF with
        // the subset's cluster and no host. Only a request with neither has no target.
        if let cluster,
            let target = memory.targets.value(scope: name, key: cluster, compute: {
                routes.routes[index].target(forUpstreamCluster: String(decoding: cluster, as: UTF8.self))?.name
            })
        {
            return (name, target)
        }
        guard reachedUpstream, let host = parser.text(.upstreamHost) else { return (name, nil) }
        // Envoy's default format, which App Mesh users mostly kept, logs no cluster: the upstream host
        // names the target through the route file's host map.
        let target = memory.hostTargets.value(scope: name, key: host) {
            routes.routes[index].target(forUpstreamHost: String(decoding: host, as: UTF8.self))?.name ?? onlyTarget(of: index, in: routes)
        }
        return (name, target)
    }

    /// The target of a route with a single one: it takes every request that reached an upstream.
    private func onlyTarget(of index: Int, in routes: RouteTable) -> String? {
        routes.routes[index].targets.count == 1 ? routes.routes[index].targets[0].name : nil
    }

    /// The index in `routes` of the route the request counts under, if a configured one.
    private func configuredRoute(for parser: LineParser, in routes: RouteTable, memory: inout Memory) -> Int? {
        let attributes = {
            RequestAttributes(
                method: parser.string(.method) ?? "",
                authority: parser.string(.authority) ?? "",
                path: parser.string(.path) ?? ""
            )
        }
        if let name = parser.text(.routeName) {
            // The table knows each platform's logged names (Envoy Gateway's `…/match/<j>/<host>`, Istio's `<name>.<match>`).
            let named = memory.namedRoutes.value(scope: "", key: name) {
                routes.routeIndices(named: String(decoding: name, as: UTF8.self))
            }
            if named.count == 1 { return named[0] }
            if named.count > 1, let index = Self.route(among: named, in: routes, attributes: attributes(), cluster: parser.string(.upstreamCluster)) {
                return index
            }
        }
        guard !parser.isTCP, let path = parser.text(.path) else { return nil }
        let match = { routes.routeIndex(matching: attributes()) }
        guard memory.matchedRoutes != nil else { return match() }
        return memory.matchedRoutes?.routeIndex(method: parser.text(.method), authority: parser.text(.authority), path: path, match: match) ?? nil
    }

    /// Which of several routes that share a logged name (Istio's `primary` in two `VirtualService`s) served a request:
    /// the one whose match (hosts, path, …) the request satisfies, else the one whose target the upstream cluster names.
    private static func route(among candidates: [Int], in routes: RouteTable, attributes: RequestAttributes, cluster: String?) -> Int? {
        if let index = routes.routeIndex(matching: attributes, among: candidates) { return index }
        guard let cluster else { return nil }
        return candidates.first { routes.routes[$0].target(forUpstreamCluster: cluster) != nil }
    }
}

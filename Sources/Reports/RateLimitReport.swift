import GRDB
package import Storage

/// `query ratelimit`: who is being throttled. Per route, the requests throttled (429, or response flags `RL`
/// or `RLSE`) and the clients throttled most, a client being the first `X-Forwarded-For` address.
///
/// JSON: `{"routes": [{"route", "requests", "throttled", "clients": [{"client", "throttled", "requests"}]}]}`.
package struct RateLimitReport: Sendable, Equatable, Encodable {
    package var routes: [Route]
    package var method: SourcePlan.Method
    package var resolution: String

    package struct Route: Sendable, Equatable, Encodable {
        package var route: String
        package var requests: Int
        package var throttled: Int
        /// The most throttled clients first, at most ``RateLimitReport/clientsPerRoute``.
        package var clients: [Client]
    }

    package struct Client: Sendable, Equatable, Encodable {
        package var client: String
        package var throttled: Int
        /// All of the client's requests on the route.
        package var requests: Int
    }

    static let clientsPerRoute = 10
}

extension Reporter {
    /// Raw rows only: clients are not part of a rollup.
    package func rateLimits(_ scope: ReportScope) throws(StorageError) -> RateLimitReport {
        let plan = SourcePlan(raw: [SourcePlan.RawRange(from: scope.from, to: scope.to)], tiles: [])
        var routes: [String: RateLimitReport.Route] = [:]
        for row in try rows("ratelimit", scope, plan) {
            let route: String = row["route"]
            let (requests, throttled): (Int, Int) = (row["requests"], row["throttled"] ?? 0)
            if row["route_total"] as Bool {
                routes[route, default: .init(route: route, requests: 0, throttled: 0, clients: [])].requests = requests
                routes[route, default: .init(route: route, requests: 0, throttled: 0, clients: [])].throttled = throttled
            } else {
                routes[route, default: .init(route: route, requests: 0, throttled: 0, clients: [])].clients
                    .append(RateLimitReport.Client(client: row["client"], throttled: throttled, requests: requests))
            }
        }
        let sorted = routes.values.sorted { $0.route < $1.route }.map { route in
            var route = route
            route.clients = Array(
                route.clients.sorted { ($1.throttled, $0.client) < ($0.throttled, $1.client) }.prefix(RateLimitReport.clientsPerRoute)
            )
            return route
        }
        return RateLimitReport(routes: sorted, method: .exact, resolution: "raw")
    }
}

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

extension RateLimitReport {
    /// One counted row of `ratelimit.sql` (SQLite's or ClickHouse's): a route's totals, or one throttled client's.
    package struct Count: Sendable {
        package var route: String
        /// `nil` on the route's totals row.
        package var client: String?
        package var requests: Int
        package var throttled: Int

        package init(route: String, client: String?, requests: Int, throttled: Int) {
            (self.route, self.client, self.requests, self.throttled) = (route, client, requests, throttled)
        }
    }

    /// The report of `counts`: routes by name, each with its most throttled clients first.
    package init(counts: [Count]) {
        var routes: [String: Route] = [:]
        for count in counts {
            var route = routes[count.route] ?? Route(route: count.route, requests: 0, throttled: 0, clients: [])
            if let client = count.client {
                route.clients.append(Client(client: client, throttled: count.throttled, requests: count.requests))
            } else {
                (route.requests, route.throttled) = (count.requests, count.throttled)
            }
            routes[count.route] = route
        }
        let sorted = routes.values.sorted { $0.route < $1.route }.map { route in
            var route = route
            route.clients = Array(route.clients.sorted { ($1.throttled, $0.client) < ($0.throttled, $1.client) }.prefix(Self.clientsPerRoute))
            return route
        }
        self.init(routes: sorted, method: .exact, resolution: "raw")
    }
}

extension Reporter {
    /// Raw rows only: clients are not part of a rollup.
    package func rateLimits(_ scope: ReportScope) throws(StorageError) -> RateLimitReport {
        let plan = SourcePlan(raw: [SourcePlan.RawRange(from: scope.from, to: scope.to)], tiles: [])
        let counts = try rows("ratelimit", scope, plan).map { row in
            RateLimitReport.Count(
                route: row["route"], client: row["route_total"] as Bool ? nil : row["client"], requests: row["requests"], throttled: row["throttled"] ?? 0
            )
        }
        return RateLimitReport(counts: counts)
    }
}

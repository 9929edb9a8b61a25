package import GRDB

/// Which requests a report covers and how it groups them: a time window, optionally one route, the
/// traffic or its health checks, one side of Istio's sidecar pairs, grouped by route and optionally by
/// target and OpenAPI operation.
package struct ReportScope: Sendable, Equatable {
    /// Which of the two lines Istio writes for one request a report counts.
    package enum Side: String, Sendable, CaseIterable {
        /// Lines of the client-side sidecar or gateway, and every line of other proxies: one per request,
        /// with the cluster that names the subset a split is about.
        case outbound
        /// Only the server-side sidecars' `inbound|…` lines: what each destination pod saw.
        case inbound
        /// Both: every Istio request twice.
        case both
    }

    /// Inclusive start, milliseconds since the epoch; `nil` for everything before `to`.
    package var from: Int64?
    /// Exclusive end, milliseconds since the epoch; `nil` for everything after `from`.
    package var to: Int64?
    package var route: String?
    package var byTarget: Bool
    package var byOperation: Bool
    /// Health checks only, instead of everything but them.
    package var healthChecks: Bool
    package var side: Side
    /// Raw rows only, for exact nearest-rank percentiles, however large the window (`--exact`).
    package var exact: Bool

    package init(
        from: Int64? = nil, to: Int64? = nil, route: String? = nil, byTarget: Bool = false, byOperation: Bool = false,
        healthChecks: Bool = false, side: Side = .outbound, exact: Bool = false
    ) {
        self.exact = exact
        self.from = from
        self.to = to
        self.route = route
        self.byTarget = byTarget
        self.byOperation = byOperation
        self.healthChecks = healthChecks
        self.side = side
    }

    /// The named parameters every report in `queries/` takes.
    package var arguments: StatementArguments {
        [
            "from": from, "to": to, "route": route, "by_target": byTarget, "by_operation": byOperation,
            "health_checks": healthChecks, "side": side.rawValue,
        ]
    }
}

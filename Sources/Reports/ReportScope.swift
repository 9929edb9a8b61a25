package import GRDB

/// Which requests a report covers: a time window, optionally one route, grouped by route or by route
/// and target.
package struct ReportScope: Sendable, Equatable {
    /// Inclusive start, milliseconds since the epoch; `nil` for everything before `to`.
    package var from: Int64?
    /// Exclusive end, milliseconds since the epoch; `nil` for everything after `from`.
    package var to: Int64?
    package var route: String?
    package var byTarget: Bool

    package init(from: Int64? = nil, to: Int64? = nil, route: String? = nil, byTarget: Bool = false) {
        self.from = from
        self.to = to
        self.route = route
        self.byTarget = byTarget
    }

    /// The named parameters every report in `queries/` takes.
    package var arguments: StatementArguments {
        ["from": from, "to": to, "route": route, "by_target": byTarget]
    }
}

import AccessLog
package import Statistics
package import Storage

// Package initialisers of the report values, for answers built outside `Reporter` (the ClickHouse reporter); the
// values and their JSON stay defined once, in their own files.

extension ErrorReport {
    /// The report of `scope` over the window whose first and last start times are `from` and `to`.
    /// Read from raw rows: `method` exact, `resolution` raw.
    package init(covering from: String?, to: String?, leftOut: LeftOut, routes: [Row], scope: ReportScope) {
        self.from = from
        self.to = to
        self.leftOut = leftOut
        self.routes = routes
        self.scope = scope
        method = .exact
        resolution = "raw"
        widened = nil
    }

    /// `scope`'s left-out requests from the HTTP requests of its window by class, as `Reporter` counts them.
    package static func leftOut(classes: [(healthCheck: Bool, inbound: Bool, requests: Int)], scope: ReportScope) -> LeftOut {
        var leftOut = LeftOut(healthChecks: 0, traffic: 0, otherSide: 0)
        for (healthCheck, inbound, requests) in classes {
            if scope.side != .both, inbound != (scope.side == .inbound) {
                leftOut.otherSide += requests
            } else if healthCheck, !scope.healthChecks {
                leftOut.healthChecks += requests
            } else if !healthCheck, scope.healthChecks {
                leftOut.traffic += requests
            }
        }
        return leftOut
    }
}

extension ErrorReport.Row {
    /// A row of `scope`: `target` and `operation` `nil` for none read as the reports name none.
    package init(
        route: String, target: String?, operation: String?, requests: Int, errors5xx: Int, errors5xxLocal: Int, errors4xx: Int, scope: ReportScope
    ) {
        self.init(
            route: route, target: scope.byTarget ? (target ?? noTarget) : nil, operation: scope.byOperation ? (operation ?? noOperation) : nil,
            requests: requests, errors5xx: errors5xx, errors4xx: errors4xx,
            errorRate: requests == 0 ? 0 : Double(errors5xx) / Double(requests), errors5xxLocal: errors5xxLocal,
            errors5xxUpstream: errors5xx - errors5xxLocal
        )
    }
}

extension LatencyReport {
    /// Exact percentiles of `scope`.
    package init(exact routes: [Row], scope: ReportScope) {
        self.init(routes: routes, method: .exact, resolution: "raw", widened: nil, scope: scope)
    }
}

extension LatencyReport.Row {
    /// A row of exact percentiles of `scope`, named as ``ErrorReport/Row`` names its groups.
    package init(route: String, target: String?, operation: String?, requests: Int, p50: Int64, p90: Int64, p95: Int64, p99: Int64, max: Int64, scope: ReportScope) {
        self.init(
            route: route, target: scope.byTarget ? (target ?? noTarget) : nil, operation: scope.byOperation ? (operation ?? noOperation) : nil,
            requests: requests, p50: p50, p90: p90, p95: p95, p99: p99, max: max
        )
    }
}

extension LatencyReport.Row {
    /// A row of percentiles read off `histogram` (rollups merged with raw durations), `nil` when it is empty;
    /// `target` and `operation` as the report names them already.
    package init?(route: String, target: String?, operation: String?, histogram: LatencyHistogram) {
        guard let p50 = histogram.percentile(50), let p90 = histogram.percentile(90), let p95 = histogram.percentile(95),
            let p99 = histogram.percentile(99), let max = histogram.maximum
        else { return nil }
        self.init(
            route: route, target: target, operation: operation, requests: Int(histogram.count), p50: p50, p90: p90, p95: p95, p99: p99, max: max
        )
    }
}

extension SplitReport {
    /// The split test of every segment of `history` in `scope` from requests counted per version
    /// (`effective_at`), route and target (`observed`), and those with no target (`unattributed`): what
    /// `Reporter.split` makes of SQLite's counts and `ClickHouseReporter` of ClickHouse's (`method` exact, `resolution`
    /// raw until a caller says otherwise).
    package init(
        history: [RouteWeightVersion], observed: [Int64: [String: [String: Int]]], unattributed: [Int64: [String: (requests: Int, withUpstreamHost: Int)]],
        scope: ReportScope, alpha: Double, tolerancePP: Double
    ) {
        let segments = WeightSegment.segments(of: history).filter { segment in
            segment.weights.count >= 2 && (scope.route == nil || segment.route == scope.route) && segment.overlaps(from: scope.from, to: scope.to)
        }
        let routes = segments.map { segment in
            let targets = segment.weights.map { weight in
                let requests = segment.versions.reduce(0) { $0 + (observed[$1]?[segment.route]?[weight.target] ?? 0) }
                return SplitTest.Target(name: weight.target, weight: weight.weight, requests: requests)
            }
            let test = SplitTest(targets: targets, alpha: alpha, tolerancePP: tolerancePP)
            let weighted = Set(segment.weights.map(\.target))
            let others = segment.versions.reduce(0) { sum, version in
                sum + (observed[version]?[segment.route] ?? [:]).filter { !weighted.contains($0.key) }.values.reduce(0, +)
            }
            let missing = segment.versions.compactMap { unattributed[$0]?[segment.route] }
            var route = SplitReport.Route(
                route: segment.route,
                from: segment.from == RouteWeightVersion.beginning ? nil : TimestampFormatter.rfc3339(millisecondsSinceEpoch: segment.from),
                to: segment.to.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)),
                requests: test.requests, chiSquare: test.chiSquare, degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue,
                alpha: test.alpha, maxDeviationPP: test.maxDeviationPP, verdict: test.verdict.rawValue, reason: test.untestableReason,
                targets: test.targets.map { result in
                    SplitReport.Target(
                        target: result.name, weight: result.weight, expectedShare: result.expectedShare, observedShare: result.observedShare,
                        requests: result.requests, ci95Low: result.ci95?.low, ci95High: result.ci95?.high
                    )
                }
            )
            route.noTarget = missing.reduce(0) { $0 + $1.requests }
            route.noTargetWithUpstreamHost = missing.reduce(0) { $0 + $1.withUpstreamHost }
            route.otherTargets = others
            return route
        }
        self.init(routes: routes, method: .exact, resolution: "raw")
    }
}

extension ErrorReport {
    /// What the answer was read from, as the JSON states it.
    package var source: ReportSource {
        get { ReportSource(method: method, resolution: resolution, widened: widened) }
        set { (method, resolution, widened) = (newValue.method, newValue.resolution, newValue.widened) }
    }
}

extension LatencyReport {
    /// What the answer was read from, as the JSON states it.
    package var source: ReportSource {
        get { ReportSource(method: method, resolution: resolution, widened: widened) }
        set { (method, resolution, widened) = (newValue.method, newValue.resolution, newValue.widened) }
    }
}

extension SplitReport {
    /// What the answer was read from, as the JSON states it.
    package var source: ReportSource {
        get { ReportSource(method: method, resolution: resolution, widened: widened) }
        set { (method, resolution, widened) = (newValue.method, newValue.resolution, newValue.widened) }
    }
}

import Foundation
import AccessLog
import Queries
package import Reports
import Statistics
package import Storage

/// The errors, latency and split reports answered from ClickHouse over every node's shipped requests and rollups, as
/// the same `ErrorReport`, `LatencyReport` and `SplitReport` values (and so the same JSON) as SQLite's answers.
///
/// Each report plans its window as SQLite's do (``SourcePlan``, from what the fleet's tables hold): raw rows for a
/// small window or with `--exact` (latency exact nearest rank), else rollups at the coarsest resolution that fits and
/// raw rows for the parts of minutes at the window's edges (counts exact, percentiles from the merged histograms).
package struct ClickHouseReporter: Sendable, Equatable {
    package let client: ClickHouseClient
    /// Only this node's requests; `nil` for the fleet.
    package var node: String?
    /// Windows with up to this many raw rows are read from raw rows (``SourcePlan/smallWindowRows``).
    package var exactRowLimit = SourcePlan.smallWindowRows

    package init(client: ClickHouseClient, node: String? = nil) {
        self.client = client
        self.node = node
    }

    /// The plan for `scope`'s window given what the fleet's tables hold; no tile spans one of `cuts`.
    package func plan(_ scope: ReportScope, cuts: [Int64] = []) async throws(ClickHouseError) -> SourcePlan {
        var hours = ["1 = 1"]
        if let from = scope.from { hours.append("start >= \(RollupPeriod.hour.start(of: from))") }
        if let to = scope.to { hours.append("start < \(to)") }
        let row = try await client.rows(try Self.query("holdings").filled([
            "requests": client.endpoint.requestsTable, "rollups": client.endpoint.rollupsTable, "node": nodeCondition,
            "hours": hours.joined(separator: " AND "),
        ])).first
        let newest = row?.int("newest_rollup")
        let holdings = SourcePlan.Holdings(
            oldestRaw: row?.int("oldest_raw"), newestRaw: nil, oldestRollup: row?.int("oldest_rollup"),
            newestRollup: newest == RollupPeriod.noStartTime ? nil : newest, rawRowsInWindow: row?.int("raw_rows_in_window") ?? 0
        )
        return SourcePlan.plan(from: scope.from, to: scope.to, exact: scope.exact, holdings: holdings, cuts: cuts, exactRowLimit: exactRowLimit)
    }

    package func errors(_ scope: ReportScope) async throws(ClickHouseError) -> ErrorReport {
        let plan = try await plan(scope)
        let routes = try await rows("errors", scope, plan).map { row in
            ErrorReport.Row(
                route: row.string("route") ?? "", target: Self.named(row.string("target_key")), operation: Self.named(row.string("operation_key")),
                requests: Int(row.int("requests") ?? 0), errors5xx: Int(row.int("errors_5xx") ?? 0),
                errors5xxLocal: Int(row.int("errors_5xx_local") ?? 0), errors4xx: Int(row.int("errors_4xx") ?? 0), scope: scope
            )
        }
        let classes = try await rows("classes", scope, plan).map { row in
            (healthCheck: row.int("health_check") == 1, inbound: row.int("inbound") == 1, requests: Int(row.int("requests") ?? 0))
        }
        let window = try await rows("window", scope, plan).first
        let covered = (window?.int("requests") ?? 0) > 0
        var report = ErrorReport(
            covering: covered ? window?.int("first_start_time").map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) : nil,
            to: covered ? window?.int("last_start_time").map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) : nil,
            leftOut: ErrorReport.leftOut(classes: classes, scope: scope), routes: routes, scope: scope
        )
        report.source = ReportSource(plan)
        return report
    }

    /// Exact nearest-rank percentiles when the plan reads raw rows only; else the rollups' histograms merged across
    /// the fleet (sumMap) with the raw durations at the window's edges.
    package func latency(_ scope: ReportScope) async throws(ClickHouseError) -> LatencyReport {
        let plan = try await plan(scope)
        guard plan.method == .histogram else {
            let routes = try await rows("latency", scope, plan).map { row in
                LatencyReport.Row(
                    route: row.string("route") ?? "", target: Self.named(row.string("target_key")), operation: Self.named(row.string("operation_key")),
                    requests: Int(row.int("requests") ?? 0), p50: row.int("p50_ms") ?? 0, p90: row.int("p90_ms") ?? 0, p95: row.int("p95_ms") ?? 0,
                    p99: row.int("p99_ms") ?? 0, max: row.int("max_ms") ?? 0, scope: scope
                )
            }
            return LatencyReport(exact: routes, scope: scope)
        }
        struct Group: Hashable {
            var route: String
            var target: String?
            var operation: String?
        }
        func group(_ row: ClickHouseRow) -> Group {
            Group(
                route: row.string("route") ?? "",
                target: scope.byTarget ? (Self.named(row.string("target_key")) ?? ReportNames.noTarget) : nil,
                operation: scope.byOperation ? (Self.named(row.string("operation_key")) ?? ReportNames.noOperation) : nil
            )
        }
        var merged: [Group: LatencyHistogram] = [:]
        for row in try await rows("latency-histograms", scope, plan) {
            guard let buckets = row.ints("buckets"), let counts = row.ints("counts"), let minimum = row.int("minimum"), let maximum = row.int("maximum"),
                let histogram = LatencyHistogram(
                    buckets: buckets.compactMap { Int32(exactly: $0) }, counts: counts, minimum: minimum, maximum: maximum
                )
            else {
                throw .badAnswer("latency-histograms: a histogram that is not one (buckets \(row.ints("buckets")?.count ?? 0), counts \(row.ints("counts")?.count ?? 0))")
            }
            merged[group(row), default: LatencyHistogram()].merge(histogram)
        }
        if !plan.raw.isEmpty {
            for row in try await rows("latency-durations", scope, plan) {
                merged[group(row), default: LatencyHistogram()].record(contentsOf: row.ints("durations") ?? [])
            }
        }
        var report = LatencyReport(
            exact: merged.compactMap { key, histogram in
                LatencyReport.Row(route: key.route, target: key.target, operation: key.operation, histogram: histogram)
            }
            .sorted { ($0.route, $0.target ?? "", $0.operation ?? "") < ($1.route, $1.target ?? "", $1.operation ?? "") },
            scope: scope
        )
        report.source = ReportSource(plan)
        return report
    }

    /// The split test against `history`, the route weights' versions. They come from the local database, not
    /// ClickHouse: weights are configuration the fleet shares (every node ingests with the same route files), and the
    /// local history holds what `routes import --effective` recorded; each node's own record of when it first saw a
    /// table would disagree by seconds and need merging.
    package func split(_ scope: ReportScope, history: [RouteWeightVersion], alpha: Double = SplitTest.defaultAlpha, tolerancePP: Double = SplitTest.defaultTolerancePP) async throws(ClickHouseError) -> SplitReport {
        let versions = history.map(\.effectiveAt)
        // No rollup tile may span a version taking effect: a tile counts under the version at its start.
        let plan = try await plan(scope, cuts: versions.filter { $0 != RouteWeightVersion.beginning })
        var observed: [Int64: [String: [String: Int]]] = [:]
        var unattributed: [Int64: [String: (requests: Int, withUpstreamHost: Int)]] = [:]
        if !versions.isEmpty {
            let array = "[" + versions.map { "toInt64(\($0))" }.joined(separator: ", ") + "]"
            for row in try await rows("split", scope, plan, extra: ["versions": array]) {
                guard let index = row.int("version_index"), index > 0, index <= versions.count, let route = row.string("route") else { continue }
                let version = versions[Int(index) - 1]
                let requests = Int(row.int("requests") ?? 0)
                if let target = Self.named(row.string("target_key")) {
                    observed[version, default: [:]][route, default: [:]][target, default: 0] += requests
                } else {
                    let before = unattributed[version]?[route] ?? (0, 0)
                    unattributed[version, default: [:]][route] = (before.requests + requests, before.withUpstreamHost + Int(row.int("with_upstream_host") ?? 0))
                }
            }
        }
        var report = SplitReport(history: history, observed: observed, unattributed: unattributed, scope: scope, alpha: alpha, tolerancePP: tolerancePP)
        report.source = ReportSource(plan)
        return report
    }

    /// Who is being throttled, over raw rows only (clients are not part of a rollup), as `Reporter.rateLimits`.
    package func rateLimits(_ scope: ReportScope) async throws(ClickHouseError) -> RateLimitReport {
        let plan = SourcePlan(raw: [SourcePlan.RawRange(from: scope.from, to: scope.to)], tiles: [])
        let counts = try await rows("ratelimit", scope, plan).map { row in
            RateLimitReport.Count(
                route: row.string("route") ?? "", client: row.int("route_total") == 1 ? nil : row.string("client"),
                requests: Int(row.int("requests") ?? 0), throttled: Int(row.int("throttled") ?? 0)
            )
        }
        return RateLimitReport(counts: counts)
    }

    /// The incident view of `[from, to)` over the fleet, widened to whole minutes, as `Reporter.incident`: minutes
    /// from the rollups, failures from raw rows, the routes' history from three ``errors(_:)`` reports.
    package func incident(route: String?, from: Int64, to: Int64) async throws(ClickHouseError) -> IncidentReport {
        let minute = RollupPeriod.minute
        let (start, end) = (minute.start(of: from), minute.ceiling(of: to))
        let scope = ReportScope(from: start, to: end, route: route)
        var minutes: [IncidentReport.MinuteCount] = []
        for row in try await rows("incident-minutes", scope, SourcePlan(raw: [], tiles: [SourcePlan.Tile(period: .minute, from: start, to: end)])) {
            var durations = LatencyHistogram()
            if let buckets = row.ints("buckets"), !buckets.isEmpty {
                guard let counts = row.ints("counts"), let minimum = row.int("minimum"), let maximum = row.int("maximum"),
                    let histogram = LatencyHistogram(buckets: buckets.compactMap { Int32(exactly: $0) }, counts: counts, minimum: minimum, maximum: maximum)
                else { throw .badAnswer("incident-minutes: a histogram that is not one") }
                durations = histogram
            }
            minutes.append(IncidentReport.MinuteCount(
                route: row.string("route") ?? "", flags: Self.named(row.string("flags")), minute: row.int("minute") ?? 0,
                requests: Int(row.int("requests") ?? 0), errors5xx: Int(row.int("errors_5xx") ?? 0), durations: durations
            ))
        }
        let failures = try await rows("incident-failures", scope, SourcePlan(raw: [SourcePlan.RawRange(from: start, to: end)], tiles: [])).map { row in
            IncidentReport.Failure(
                route: row.string("route") ?? "", minute: row.int("minute") ?? 0, status: Int(row.int("status") ?? 0), flags: row.string("flags"),
                upstreamHost: row.string("upstream_host"), requestID: row.string("request_id")
            )
        }
        let windows = IncidentReport.historyWindows(start: start, end: end)
        func report(_ window: (Int64, Int64)) async throws(ClickHouseError) -> ErrorReport {
            try await errors(ReportScope(from: window.0, to: window.1, route: route))
        }
        let history = IncidentReport.histories(
            of: IncidentReport.routeNames(minutes: minutes, failures: failures), baseline: try await report(windows.baseline),
            dayBefore: try await report(windows.dayBefore), weekBefore: try await report(windows.weekBefore)
        )
        return IncidentReport(start: start, end: end, minutes: minutes, failures: failures, history: history)
    }

    /// The start time of the newest request the fleet holds (raw rows, else minute rollups); `nil` when empty.
    package func newestRequestTime() async throws(ClickHouseError) -> Int64? {
        let row = try await client.rows(try Self.query("newest").filled([
            "requests": client.endpoint.requestsTable, "rollups": client.endpoint.rollupsTable, "node": nodeCondition,
        ])).first
        return row?.int("newest")
    }

    /// Rows per node, each line once.
    package func requestsByNode() async throws(ClickHouseError) -> [String: Int] {
        var counts: [String: Int] = [:]
        let sql = try Self.query("shipped").filled(["requests": client.endpoint.requestsTable])
        for row in try await client.rows(sql) {
            if let node = row.string("node") { counts[node] = Int(row.int("requests") ?? 0) }
        }
        return counts
    }

    /// Runs `queries/clickhouse/NAME.sql` over `scope` as `plan` reads it.
    func rows(_ name: String, _ scope: ReportScope, _ plan: SourcePlan, extra: [String: String] = [:]) async throws(ClickHouseError) -> [ClickHouseRow] {
        var values = extra
        values["requests"] = client.endpoint.requestsTable
        values["rollups"] = client.endpoint.rollupsTable
        values["filter"] = filter(scope).joined(separator: " AND ")
        values["route_filter"] = routeFilter(scope).joined(separator: " AND ")
        values["raw_window"] = Self.rawWindow(plan)
        values["rollup_window"] = Self.rollupWindow(plan)
        values["rollup_span"] = plan.tiles.isEmpty ? "0" : "start >= \(plan.tiles.map(\.from).min() ?? 0) AND start < \(plan.tiles.map(\.to).max() ?? 0)"
        values["target"] = scope.byTarget ? "ifNull(target, '')" : "''"
        values["operation"] = scope.byOperation ? "ifNull(operation, '')" : "''"
        return try await client.rows(try Self.query(name).filled(values))
    }

    private static func query(_ name: String) throws(ClickHouseError) -> ClickHouseQuery {
        do { return try ClickHouseQuery.named(name) } catch { throw .badAnswer(error.description) }
    }

    /// The plan's raw stretches as a condition on `start_time`, with the `day` partitions and the `hour` sorting key
    /// range they lie in (so that ClickHouse skips the other partitions and index ranges); `0` for none.
    static func rawWindow(_ plan: SourcePlan) -> String {
        guard !plan.raw.isEmpty else { return "0" }
        return plan.raw.map { range in
            var conditions = ["1 = 1"]
            if let from = range.from {
                conditions.append("start_time >= \(from)")
                if let day = dayLiteral(from) { conditions.append("day >= \(day)") }
                // Both sides divide truncating toward zero (intDiv, Swift's /), a monotonic map: exact for any sign.
                conditions.append("hour >= \(from / RollupPeriod.hour.milliseconds)")
            }
            if let to = range.to {
                conditions.append("start_time < \(to)")
                if let day = dayLiteral(to) { conditions.append("day <= \(day)") }
                conditions.append("hour <= \(to / RollupPeriod.hour.milliseconds)")
            }
            return "(" + conditions.joined(separator: " AND ") + ")"
        }
        .joined(separator: " OR ")
    }

    /// The plan's tiles (and rollups of requests without a start time, for a window over everything) as a
    /// condition on `period` and `start`; `0` for none.
    static func rollupWindow(_ plan: SourcePlan) -> String {
        var conditions = plan.tiles.map { "(period = \($0.period.milliseconds) AND start >= \($0.from) AND start < \($0.to))" }
        if plan.includesUntimed { conditions.append("(period = \(RollupPeriod.minute.milliseconds) AND start = \(noStartTimeLiteral))") }
        return conditions.isEmpty ? "0" : conditions.joined(separator: " OR ")
    }

    /// `Int64.min`, which ClickHouse reads as a negative literal only in this spelling on every version.
    static let noStartTimeLiteral = "toInt64(-9223372036854775807 - 1)"

    /// The `day` (server time zone, as the column's DEFAULT computes it) of `time`, for partition pruning; `nil`
    /// outside what ClickHouse's DateTime holds.
    private static func dayLiteral(_ time: Int64) -> String? {
        let seconds = time / 1000
        guard seconds >= 0, seconds <= Int64(UInt32.max) else { return nil }
        return "toDate(toDateTime(\(seconds)))"
    }

    /// The scope as conditions on either table: route, node, class and side.
    private func filter(_ scope: ReportScope) -> [String] {
        var conditions = routeFilter(scope)
        conditions.append("health_check = \(scope.healthChecks ? 1 : 0)")
        switch scope.side {
        case .outbound: conditions.append("inbound = 0")
        case .inbound: conditions.append("inbound = 1")
        case .both: break
        }
        return conditions
    }

    private func routeFilter(_ scope: ReportScope) -> [String] {
        var conditions = [nodeCondition]
        if let route = scope.route { conditions.append("route = \(Self.literal(route))") }
        return conditions
    }

    private var nodeCondition: String {
        node.map { "node = \(Self.literal($0))" } ?? "1 = 1"
    }

    /// `text` as a ClickHouse string literal: backslashes and quotes escaped.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// '' stands for none in the grouping keys.
    static func named(_ key: String?) -> String? {
        key.flatMap { $0.isEmpty ? nil : $0 }
    }
}

import AccessLog
import Foundation
import GRDB
package import Statistics
package import Storage

/// `routelens incident`: per route, minute by minute, what went wrong and when, against the route's own
/// baseline.
///
/// JSON:
/// ```json
/// {"routes": [{"route": "payments", "onset": "2026-11-26T10:40:00.000Z", "recovery": "2026-11-26T10:50:00.000Z",
///   "minutes": [{"minute", "requests", "errors_5xx", "error_rate", "p50_ms", "p99_ms", "flags": {"UF": 3},
///                "codes": {"503": 3}, "failing_hosts": ["10.1.4.11:8080"]}, …],
///   "request_ids": {"503 UF,URX": ["…"]}, "baseline_error_rate", "day_before", "week_before"}]}
/// ```
///
/// **When a minute is bad.** The route's baseline 5xx rate `b` is its rate over the 24 hours before the window
/// (from rollups); with fewer than ``baselineMinimum`` requests there, the median of the window's per-minute
/// rates (an incident shorter than half the window cannot move it). A minute is bad when it has at least 5
/// 5xx, its rate is at least `max(5·b, b + 5 percentage points)`, and its 5xx count is at least 4 standard
/// deviations above `b` (binomial, `b` at least 0.1%): a step from 0.5% to 35% is bad from its first minute; a
/// steady 2% canary with 100 requests a minute would need 10 5xx in a minute, a 1-in-30,000 chance. The
/// **onset** is the first bad minute followed by another bad one (or the window's last); the **recovery** the
/// first minute after the onset that starts two good minutes with traffic; `null` when there is none.
package struct IncidentReport: Sendable, Equatable, Encodable {
    package var routes: [Route]
    /// The window, whole minutes (RFC 3339).
    package var from: String
    package var to: String

    package struct Route: Sendable, Equatable, Encodable {
        package var route: String
        package var onset: String?
        package var recovery: String?
        package var baselineErrorRate: Double
        package var minutes: [Minute]
        /// Up to ``IncidentReport/sampleSize`` request ids per failure class, `status flags` (`503 UF,URX`,
        /// `500` when no flag), from the raw rows.
        package var requestIDs: [String: [String]]
        /// The same window one day and one week earlier.
        package var dayBefore: Comparison
        package var weekBefore: Comparison

        enum CodingKeys: String, CodingKey {
            case route, onset, recovery, minutes
            case requestIDs = "request_ids"
            case baselineErrorRate = "baseline_error_rate"
            case dayBefore = "day_before"
            case weekBefore = "week_before"
        }

        /// `"onset": null` and `"recovery": null` when there is none, as the JSON has them.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(route, forKey: .route)
            try container.encode(onset, forKey: .onset)
            try container.encode(recovery, forKey: .recovery)
            try container.encode(minutes, forKey: .minutes)
            try container.encode(requestIDs, forKey: .requestIDs)
            try container.encode(baselineErrorRate, forKey: .baselineErrorRate)
            try container.encode(dayBefore, forKey: .dayBefore)
            try container.encode(weekBefore, forKey: .weekBefore)
        }

        /// The first minute of an incident as a number, for tests and tables.
        package var onsetTime: Int64? { onset.flatMap(Self.milliseconds) }
        package var recoveryTime: Int64? { recovery.flatMap(Self.milliseconds) }

        private static func milliseconds(_ text: String) -> Int64? {
            Array(text.utf8).withUnsafeBytes { TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }
        }
    }

    package struct Minute: Sendable, Equatable, Encodable {
        package var minute: String
        package var requests: Int
        package var errors5xx: Int
        package var errorRate: Double
        package var p50: Int64?
        package var p99: Int64?
        /// Requests per response flag (UF, URX …), from the rollups.
        package var flags: [String: Int]
        /// 5xx per status code, from the raw rows.
        package var codes: [String: Int]
        /// Upstream hosts that answered or failed with a 5xx this minute, most failures first (raw rows).
        package var failingHosts: [String]
        package var bad: Bool

        enum CodingKeys: String, CodingKey {
            case minute, requests
            case errors5xx = "errors_5xx"
            case errorRate = "error_rate"
            case p50 = "p50_ms"
            case p99 = "p99_ms"
            case flags, codes
            case failingHosts = "failing_hosts"
            case bad
        }
    }

    package struct Comparison: Sendable, Equatable, Encodable {
        package var from: String
        package var to: String
        package var requests: Int
        package var errors5xx: Int
        package var errorRate: Double

        enum CodingKeys: String, CodingKey {
            case from, to, requests
            case errors5xx = "errors_5xx"
            case errorRate = "error_rate"
        }
    }

    /// Request ids kept per failure class.
    static let sampleSize = 5
    /// Baseline requests below which the window's median minute stands in for the 24 hours before.
    static let baselineMinimum = 1_000
    /// Failing hosts listed per minute.
    static let hostsPerMinute = 5
}

extension IncidentReport {
    /// One minute rollup of the window (every node's, for the fleet) by route and response flags.
    package struct MinuteCount: Sendable {
        package var route: String
        package var flags: String?
        package var minute: Int64
        package var requests: Int
        package var errors5xx: Int
        package var durations: LatencyHistogram

        package init(route: String, flags: String?, minute: Int64, requests: Int, errors5xx: Int, durations: LatencyHistogram) {
            (self.route, self.flags, self.minute, self.requests, self.errors5xx, self.durations) = (route, flags, minute, requests, errors5xx, durations)
        }
    }

    /// One 5xx of the window's raw rows, in time order.
    package struct Failure: Sendable {
        package var route: String
        package var minute: Int64
        package var status: Int
        package var flags: String?
        package var upstreamHost: String?
        package var requestID: String?

        package init(route: String, minute: Int64, status: Int, flags: String?, upstreamHost: String?, requestID: String?) {
            (self.route, self.minute, self.status, self.flags, self.upstreamHost, self.requestID) = (route, minute, status, flags, upstreamHost, requestID)
        }
    }

    /// What a route's minutes are judged against: its 5xx over the 24 hours before the window, and the same window a
    /// day and a week earlier (each `nil` when the route had no requests then).
    package struct History: Sendable {
        package var baseline: ErrorReport.Row?
        package var dayBefore: ErrorReport.Row?
        package var weekBefore: ErrorReport.Row?

        package init(baseline: ErrorReport.Row?, dayBefore: ErrorReport.Row?, weekBefore: ErrorReport.Row?) {
            (self.baseline, self.dayBefore, self.weekBefore) = (baseline, dayBefore, weekBefore)
        }
    }

    /// The windows a route's ``History`` is read over, for `[start, end)`: the baseline, the day and the week before.
    package static func historyWindows(start: Int64, end: Int64) -> (baseline: (Int64, Int64), dayBefore: (Int64, Int64), weekBefore: (Int64, Int64)) {
        let (day, week) = (Int64(86_400_000), Int64(7 * 86_400_000))
        return ((start - day, start), (start - day, end - day), (start - week, end - week))
    }

    /// Each of `names`' history from three errors reports over every route in scope (per route, not by target):
    /// over the baseline window, and the same window a day and a week earlier (``historyWindows(start:end:)``).
    /// Three reports whatever the number of routes, not three a route: the fleet answers each in a round trip.
    package static func histories(of names: [String], baseline: ErrorReport, dayBefore: ErrorReport, weekBefore: ErrorReport) -> [String: History] {
        func rows(_ report: ErrorReport) -> [String: ErrorReport.Row] {
            Dictionary(report.routes.map { ($0.route, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let (baselines, days, weeks) = (rows(baseline), rows(dayBefore), rows(weekBefore))
        return Dictionary(uniqueKeysWithValues: names.map { ($0, History(baseline: baselines[$0], dayBefore: days[$0], weekBefore: weeks[$0])) })
    }

    /// The routes `minutes` and `failures` name, in order: those the report has a section for.
    package static func routeNames(minutes: [MinuteCount], failures: [Failure]) -> [String] {
        Set(minutes.map(\.route) + failures.map(\.route)).sorted()
    }

    /// The incident view of `[start, end)` (whole minutes) from what a store counted: SQLite's and ClickHouse's
    /// answers are assembled here alike.
    package init(start: Int64, end: Int64, minutes minuteCounts: [MinuteCount], failures: [Failure], history: [String: History]) {
        var minutes: [String: [Int64: IncidentMinute]] = [:]
        for count in minuteCounts {
            var cell = minutes[count.route, default: [:]][count.minute, default: IncidentMinute()]
            cell.requests += count.requests
            cell.errors5xx += count.errors5xx
            if let flags = count.flags, flags != "-" {
                for flag in flags.split(separator: ",") { cell.flags[String(flag), default: 0] += count.requests }
            }
            cell.durations.merge(count.durations)
            minutes[count.route, default: [:]][count.minute] = cell
        }
        var samples: [String: [String: [String]]] = [:]
        for failure in failures {
            minutes[failure.route, default: [:]][failure.minute, default: IncidentMinute()].codes[String(failure.status), default: 0] += 1
            if let host = failure.upstreamHost, host != "-" {
                minutes[failure.route, default: [:]][failure.minute, default: IncidentMinute()].hosts[host, default: 0] += 1
            }
            let failureClass = failure.flags.map { $0 == "-" ? String(failure.status) : "\(failure.status) \($0)" } ?? String(failure.status)
            if let id = failure.requestID, samples[failure.route, default: [:]][failureClass, default: []].count < Self.sampleSize {
                samples[failure.route, default: [:]][failureClass, default: []].append(id)
            }
        }
        let windows = Self.historyWindows(start: start, end: end)
        func comparison(_ window: (Int64, Int64), _ row: ErrorReport.Row?) -> Comparison {
            Comparison(
                from: TimestampFormatter.rfc3339(millisecondsSinceEpoch: window.0), to: TimestampFormatter.rfc3339(millisecondsSinceEpoch: window.1),
                requests: row?.requests ?? 0, errors5xx: row?.errors5xx ?? 0, errorRate: row?.errorRate ?? 0
            )
        }
        routes = minutes.sorted(by: { $0.key < $1.key }).map { routeName, byMinute in
            let history = history[routeName]
            let ordered = byMinute.sorted { $0.key < $1.key }
            let baseline: Double
            if let row = history?.baseline, row.requests >= Self.baselineMinimum {
                baseline = row.errorRate
            } else {
                let rates = ordered.map(\.value).filter { $0.requests > 0 }.map { Double($0.errors5xx) / Double($0.requests) }.sorted()
                baseline = rates.isEmpty ? 0 : rates[rates.count / 2]
            }
            let rendered = ordered.map { time, cell in cell.minute(at: time, bad: cell.isBad(baseline: baseline)) }
            let (onset, recovery) = IncidentMinute.onsetAndRecovery(ordered.map { ($0.key, $0.value.requests > 0, $0.value.isBad(baseline: baseline)) })
            return Route(
                route: routeName, onset: onset.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)),
                recovery: recovery.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)), baselineErrorRate: baseline, minutes: rendered,
                requestIDs: samples[routeName] ?? [:], dayBefore: comparison(windows.dayBefore, history?.dayBefore),
                weekBefore: comparison(windows.weekBefore, history?.weekBefore)
            )
        }
        from = TimestampFormatter.rfc3339(millisecondsSinceEpoch: start)
        to = TimestampFormatter.rfc3339(millisecondsSinceEpoch: end)
    }
}

extension Reporter {
    /// The incident view of `[from, to)`, widened to whole minutes; `route` limits it to one route.
    package func incident(route: String?, from: Int64, to: Int64) throws(StorageError) -> IncidentReport {
        let minute = RollupPeriod.minute
        let (start, end) = (minute.start(of: from), minute.ceiling(of: to))
        let scope = ReportScope(from: start, to: end, route: route)
        let minutes = try rows("incident-minutes", scope, SourcePlan(raw: [], tiles: [SourcePlan.Tile(period: .minute, from: start, to: end)])).map { row in
            IncidentReport.MinuteCount(
                route: row["route"], flags: row["flags"], minute: row["minute"], requests: row["requests"], errors5xx: row["errors_5xx"],
                durations: (row["durations"] as Data?).flatMap { LatencyHistogram(serialized: [UInt8]($0)) } ?? LatencyHistogram()
            )
        }
        let failures = try rows("incident-failures", scope, SourcePlan(raw: [SourcePlan.RawRange(from: start, to: end)], tiles: [])).map { row in
            IncidentReport.Failure(
                route: row["route"], minute: row["minute"], status: row["status"], flags: row["flags"], upstreamHost: row["upstream_host"],
                requestID: row["request_id"]
            )
        }
        let windows = IncidentReport.historyWindows(start: start, end: end)
        func report(_ window: (Int64, Int64)) throws(StorageError) -> ErrorReport {
            try errors(ReportScope(from: window.0, to: window.1, route: route))
        }
        let history = IncidentReport.histories(
            of: IncidentReport.routeNames(minutes: minutes, failures: failures), baseline: try report(windows.baseline),
            dayBefore: try report(windows.dayBefore), weekBefore: try report(windows.weekBefore)
        )
        return IncidentReport(start: start, end: end, minutes: minutes, failures: failures, history: history)
    }
}

/// One route's minute while the incident report adds it up.
struct IncidentMinute {
    var requests = 0
    var errors5xx = 0
    var flags: [String: Int] = [:]
    var codes: [String: Int] = [:]
    var hosts: [String: Int] = [:]
    var durations = LatencyHistogram()

    /// See ``IncidentReport`` for the rule.
    func isBad(baseline: Double) -> Bool {
        guard requests > 0, errors5xx >= 5 else { return false }
        let rate = Double(errors5xx) / Double(requests)
        let p = max(baseline, 0.001)
        let deviations = (Double(errors5xx) - Double(requests) * p) / (Double(requests) * p * (1 - p)).squareRoot()
        return rate >= max(5 * baseline, baseline + 0.05) && deviations >= 4
    }

    func minute(at time: Int64, bad: Bool) -> IncidentReport.Minute {
        IncidentReport.Minute(
            minute: TimestampFormatter.rfc3339(millisecondsSinceEpoch: time), requests: requests, errors5xx: errors5xx,
            errorRate: requests == 0 ? 0 : Double(errors5xx) / Double(requests), p50: durations.percentile(50), p99: durations.percentile(99),
            flags: flags, codes: codes,
            failingHosts: hosts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(IncidentReport.hostsPerMinute).map(\.key), bad: bad
        )
    }

    /// The onset (first bad minute followed by another, or last) and the recovery (first minute after it
    /// that starts two good minutes with traffic) of minutes in time order.
    static func onsetAndRecovery(_ minutes: [(time: Int64, hasTraffic: Bool, bad: Bool)]) -> (onset: Int64?, recovery: Int64?) {
        let withTraffic = minutes.filter(\.hasTraffic)
        guard let onsetIndex = withTraffic.indices.first(where: { index in
            withTraffic[index].bad && (index + 1 == withTraffic.count || withTraffic[index + 1].bad)
        }) else { return (nil, nil) }
        let recoveryIndex = withTraffic.indices.first { index in
            index > onsetIndex && !withTraffic[index].bad && (index + 1 == withTraffic.count || !withTraffic[index + 1].bad)
        }
        return (withTraffic[onsetIndex].time, recoveryIndex.map { withTraffic[$0].time })
    }
}

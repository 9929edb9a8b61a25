import AccessLog
import Foundation
import GRDB
import Statistics
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

extension Reporter {
    /// The incident view of `[from, to)`, widened to whole minutes; `route` limits it to one route.
    package func incident(route: String?, from: Int64, to: Int64) throws(StorageError) -> IncidentReport {
        let minute = RollupPeriod.minute
        let (start, end) = (minute.start(of: from), minute.ceiling(of: to))
        let scope = ReportScope(from: start, to: end, route: route)
        let plan = SourcePlan(raw: [SourcePlan.RawRange(from: start, to: end)], tiles: [SourcePlan.Tile(period: .minute, from: start, to: end)])
        var minutes: [String: [Int64: IncidentMinute]] = [:]
        for row in try rows("incident-minutes", scope, SourcePlan(raw: [], tiles: plan.tiles)) {
            let time: Int64 = row["minute"]
            var cell = minutes[row["route"], default: [:]][time, default: IncidentMinute()]
            let requests: Int = row["requests"]
            cell.requests += requests
            cell.errors5xx += row["errors_5xx"] as Int
            if let flags: String = row["flags"], flags != "-" {
                for flag in flags.split(separator: ",") { cell.flags[String(flag), default: 0] += requests }
            }
            if let data: Data = row["durations"], let histogram = LatencyHistogram(serialized: [UInt8](data)) {
                cell.durations.merge(histogram)
            }
            minutes[row["route"], default: [:]][time] = cell
        }
        var samples: [String: [String: [String]]] = [:]
        for row in try rows("incident-failures", scope, SourcePlan(raw: plan.raw, tiles: [])) {
            let (routeName, time, status): (String, Int64, Int) = (row["route"], row["minute"], row["status"])
            let flags: String? = row["flags"]
            minutes[routeName, default: [:]][time, default: IncidentMinute()].codes[String(status), default: 0] += 1
            if let host: String = row["upstream_host"], host != "-" {
                minutes[routeName, default: [:]][time, default: IncidentMinute()].hosts[host, default: 0] += 1
            }
            let failureClass = flags.map { $0 == "-" ? String(status) : "\(status) \($0)" } ?? String(status)
            if let id: String = row["request_id"], samples[routeName, default: [:]][failureClass, default: []].count < IncidentReport.sampleSize {
                samples[routeName, default: [:]][failureClass, default: []].append(id)
            }
        }
        var routes: [IncidentReport.Route] = []
        for (routeName, byMinute) in minutes.sorted(by: { $0.key < $1.key }) {
            let span = end - start
            let baselineReport = try errors(ReportScope(from: start - 86_400_000, to: start, route: routeName))
            let baselineRow = baselineReport.routes.first
            let ordered = byMinute.sorted { $0.key < $1.key }
            let baseline: Double
            if let baselineRow, baselineRow.requests >= IncidentReport.baselineMinimum {
                baseline = baselineRow.errorRate
            } else {
                let rates = ordered.map(\.value).filter { $0.requests > 0 }.map { Double($0.errors5xx) / Double($0.requests) }.sorted()
                baseline = rates.isEmpty ? 0 : rates[rates.count / 2]
            }
            let rendered = ordered.map { time, cell in cell.minute(at: time, bad: cell.isBad(baseline: baseline)) }
            let (onset, recovery) = IncidentMinute.onsetAndRecovery(ordered.map { ($0.key, $0.value.requests > 0, $0.value.isBad(baseline: baseline)) })
            func comparison(_ shift: Int64) throws(StorageError) -> IncidentReport.Comparison {
                let row = try errors(ReportScope(from: start - shift, to: start - shift + span, route: routeName)).routes.first
                return IncidentReport.Comparison(
                    from: TimestampFormatter.rfc3339(millisecondsSinceEpoch: start - shift),
                    to: TimestampFormatter.rfc3339(millisecondsSinceEpoch: start - shift + span), requests: row?.requests ?? 0,
                    errors5xx: row?.errors5xx ?? 0, errorRate: row?.errorRate ?? 0
                )
            }
            routes.append(IncidentReport.Route(
                route: routeName, onset: onset.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)),
                recovery: recovery.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)), baselineErrorRate: baseline, minutes: rendered,
                requestIDs: samples[routeName] ?? [:], dayBefore: try comparison(86_400_000), weekBefore: try comparison(7 * 86_400_000)
            ))
        }
        return IncidentReport(
            routes: routes, from: TimestampFormatter.rfc3339(millisecondsSinceEpoch: start), to: TimestampFormatter.rfc3339(millisecondsSinceEpoch: end)
        )
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

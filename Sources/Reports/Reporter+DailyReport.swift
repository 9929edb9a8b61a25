import AccessLog
package import DailyReport
import GRDB
package import Storage
import Statistics

/// Why a daily report cannot be made as asked.
package enum DailyReportError: Error, Sendable, CustomStringConvertible {
    /// `--day` is not a `YYYY-MM-DD` date.
    case invalidDay(String)
    /// `--baseline` names no target of a weighted route.
    case unknownBaseline(String, route: String, targets: [String])
    case database(StorageError)

    package var description: String {
        switch self {
        case .invalidDay(let day): "--day \(day) is not a date such as 2026-11-20 (a UTC day)"
        case .unknownBaseline(let baseline, let route, let targets):
            "--baseline \(baseline) is not a target of \(route); its targets: \(targets.joined(separator: ", "))"
        case .database(let error): error.description
        }
    }
}

extension Reporter {
    /// Drift is measured per 5 minutes, or per hour on a route too quiet for 5 minutes to test.
    static let driftInterval: Int64 = 300_000

    /// The daily rollout report of `day` (`YYYY-MM-DD`, UTC): for each route with two or more weighted targets, each
    /// constant-weight segment's split test, drift per interval and measured explanations, the canary judgement of
    /// every non-baseline target, and per-target figures beside the day before; one line per route without weights.
    ///
    /// Read from raw rows (the figures need durations and response flags): days whose raw rows retention deleted
    /// report their counts from the split and error reports only.
    package func dailyReport(
        day: String, route: String? = nil, baseline: String? = nil, alpha: Double = 0.001, tolerancePP: Double = 1.0
    ) throws(DailyReportError) -> DailyReport {
        guard let start = Self.startOfDay(day) else { throw .invalidDay(day) }
        let end = start + 86_400_000
        do {
            let scope = ReportScope(from: start, to: end, route: route, byTarget: true)
            let split = try self.split(scope, alpha: alpha, tolerancePP: tolerancePP)
            let figures = try TargetFigures(reporter: self, scope: scope)
            let previous = try TargetFigures(reporter: self, scope: ReportScope(from: start - 86_400_000, to: start, route: route, byTarget: true))
            let intervals = try driftCounts(scope)
            var routes: [DailyReport.Route] = []
            for name in Set(split.routes.map(\.route)).sorted() {
                let segments = split.routes.filter { $0.route == name }
                let reportSegments = segments.map { segment in
                    self.segment(segment, day: (start, end), intervals: intervals[name] ?? [:], figures: figures, alpha: alpha, tolerancePP: tolerancePP)
                }
                // The weights in force at the end of the day are the rollout's current step: the canary is judged there.
                let current = segments.last?.targets ?? []
                let judged = current.map { target in
                    CanaryJudge.Target(
                        name: target.target, weight: target.weight, requests: figures.requests[name]?[target.target] ?? 0,
                        errors: figures.errors5xx[name]?[target.target] ?? 0, latency: figures.histograms[name]?[target.target] ?? LatencyHistogram()
                    )
                }
                let canary: [DailyReport.Canary]
                do {
                    canary = try CanaryJudge().judge(judged, baseline: baseline).map(DailyReport.Canary.init)
                } catch {
                    throw DailyReportError.unknownBaseline(baseline ?? "", route: name, targets: current.map(\.target))
                }
                let stats = current.map { target in
                    figures.stats(route: name, target: target.target, previousDay: previous)
                }
                routes.append(DailyReport.Route(route: name, segments: reportSegments, canary: canary, targetStats: stats))
            }
            let weighted = Set(routes.map(\.route))
            let unweighted = try unweightedRoutes(scope: ReportScope(from: start, to: end, route: route), excluding: weighted)
            return DailyReport(day: day, routes: routes, unweightedRoutes: unweighted)
        } catch let error as DailyReportError {
            throw error
        } catch let error as StorageError {
            throw .database(error)
        } catch {
            throw .database(StorageError(error, operation: .read("daily report"), path: database.path))
        }
    }

    /// Milliseconds since the epoch of `day`'s midnight UTC, or `nil` when `day` is not `YYYY-MM-DD`.
    package static func startOfDay(_ day: String) -> Int64? {
        guard day.count == 10, day.utf8.enumerated().allSatisfy({ index, byte in index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte) })
        else { return nil }
        return Array("\(day)T00:00:00Z".utf8).withUnsafeBytes { TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }
    }

    /// Requests per drift interval and target, by route.
    private func driftCounts(_ scope: ReportScope) throws(StorageError) -> [String: [Int64: [String: Int]]] {
        var counts: [String: [Int64: [String: Int]]] = [:]
        for row in try rawRows("split-intervals", scope, extra: ["interval_ms": Self.driftInterval]) {
            counts[row["route"], default: [:]][row["interval_start"], default: [:]][row["target"]] = row["requests"]
        }
        return counts
    }

    /// One constant-weight segment as the report shows it, clipped to the day.
    private func segment(
        _ segment: SplitReport.Route, day: (start: Int64, end: Int64), intervals: [Int64: [String: Int]], figures: TargetFigures,
        alpha: Double, tolerancePP: Double
    ) -> DailyReport.Segment {
        let from = max(day.start, segment.from.flatMap(Self.milliseconds) ?? day.start)
        let to = min(day.end, segment.to.flatMap(Self.milliseconds) ?? day.end)
        let weights = segment.targets.map(\.weight)
        let names = segment.targets.map(\.target)
        var buckets: [DriftDetector.Interval] = []
        var cursor = from / Self.driftInterval * Self.driftInterval
        while cursor < to {
            let counts = intervals[cursor] ?? [:]
            buckets.append(DriftDetector.Interval(start: max(cursor, from), end: min(cursor + Self.driftInterval, to), requests: names.map { counts[$0] ?? 0 }))
            cursor += Self.driftInterval
        }
        if DriftDetector.isQuiet(weights: weights, intervals: buckets) {
            buckets = DriftDetector.merging(buckets, every: 12)
        }
        let drift = (try? DriftDetector(alpha: alpha, tolerancePP: tolerancePP).detect(weights: weights, intervals: buckets)) ?? []
        let test = SplitTest(
            targets: segment.targets.map { SplitTest.Target(name: $0.target, weight: $0.weight, requests: $0.requests) }, alpha: alpha,
            tolerancePP: tolerancePP
        )
        return DailyReport.Segment(
            from: TimestampFormatter.rfc3339(millisecondsSinceEpoch: from), to: TimestampFormatter.rfc3339(millisecondsSinceEpoch: to), test: test,
            drift: drift, explanations: explanations(of: segment, figures: figures), timestamp: TimestampFormatter.rfc3339(millisecondsSinceEpoch:)
        )
    }

    /// What the logs say about a segment's split, each line a measured fact.
    private func explanations(of segment: SplitReport.Route, figures: TargetFigures) -> [String] {
        var lines: [String] = []
        for target in segment.targets {
            let requests = figures.requests[segment.route]?[target.target] ?? 0
            guard requests > 0 else { continue }
            let deviation = (target.observedShare - target.expectedShare) * 100
            if abs(deviation) >= 1 {
                lines.append(
                    "\(target.target): \(NumberFormat.percent(target.observedShare)) of the requests against \(NumberFormat.percent(target.expectedShare)) configured (\(deviation > 0 ? "+" : "")\(NumberFormat.fixed(deviation, digits: 1)) pp)"
                )
            }
            for failure in figures.failures[segment.route]?[target.target]?.prefix(2) ?? [] where failure.requests * 100 >= requests {
                let share = Double(failure.requests) / Double(requests)
                let upstream = failure.failureClass.contains("U") ? " — upstream connection failures: the gateway may have retried them on another target" : ""
                lines.append("\(target.target): \(NumberFormat.percent(share)) of its requests ended \(failure.failureClass)\(upstream)")
            }
        }
        if segment.noTarget > 0 {
            lines.append(
                "\(segment.noTarget) requests of the route counted for no target and are not in the test"
                    + (segment.noTargetWithUpstreamHost > 0 ? " (\(segment.noTargetWithUpstreamHost) reached an upstream host no target claims)" : "")
            )
        }
        return lines
    }

    /// Routes without weights, one summary line each.
    private func unweightedRoutes(scope: ReportScope, excluding weighted: Set<String>) throws(StorageError) -> [DailyReport.UnweightedRoute] {
        let errors = try self.errors(scope)
        let latency = try self.latency(scope)
        var minutes: [String: [(requests: Int, errors: Int)]] = [:]
        for row in try rawRows("minutes", scope) {
            minutes[row["route"], default: []].append((row["requests"], row["errors_5xx"] ?? 0))
        }
        return errors.routes.filter { !weighted.contains($0.route) }.map { row in
            DailyReport.UnweightedRoute(
                route: row.route, requests: row.requests, errorRate: row.errorRate,
                p99Ms: latency.routes.first { $0.route == row.route }?.p99, incidents: Self.incidents(in: minutes[row.route] ?? [], dayRate: row.errorRate)
            )
        }
    }

    /// Runs of minutes whose 5xx rate is at least 5% and five times the day's, with 20 requests or more: a step a
    /// person would call an incident, not a route's usual error rate.
    static func incidents(in minutes: [(requests: Int, errors: Int)], dayRate: Double) -> Int {
        var runs = 0
        var inRun = false
        for minute in minutes {
            let rate = minute.requests > 0 ? Double(minute.errors) / Double(minute.requests) : 0
            let bad = minute.requests >= 20 && rate >= 0.05 && rate >= 5 * dayRate
            if bad, !inRun { runs += 1 }
            inRun = bad
        }
        return runs
    }

    static func milliseconds(_ rfc3339: String) -> Int64? {
        Array(rfc3339.utf8).withUnsafeBytes { TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }
    }
}

/// Requests, 5xx, durations and failure classes per route and target over one window, read once for the report.
struct TargetFigures {
    var requests: [String: [String: Int]] = [:]
    var errors5xx: [String: [String: Int]] = [:]
    var histograms: [String: [String: LatencyHistogram]] = [:]
    var durations: [String: [String: [Int64]]] = [:]
    var failures: [String: [String: [DailyReport.FailureClass]]] = [:]

    init(reporter: Reporter, scope: ReportScope) throws(StorageError) {
        for row in try reporter.errors(scope).routes {
            requests[row.route, default: [:]][row.target ?? noTarget] = row.requests
            errors5xx[row.route, default: [:]][row.target ?? noTarget] = row.errors5xx
        }
        for row in try reporter.rawRows("latency-durations", scope) {
            let (route, target, duration): (String, String, Int64) = (row["route"], row["target"] ?? noTarget, row["duration_ms"])
            durations[route, default: [:]][target, default: []].append(duration)
            histograms[route, default: [:]][target, default: LatencyHistogram()].record(duration)
        }
        for route in durations.keys {
            for target in durations[route, default: [:]].keys { durations[route]?[target]?.sort() }
        }
        for row in try reporter.rawRows("failure-classes", scope) {
            let status: Int? = row["status"]
            let flags: String? = row["flags"]
            let name = [status.map(String.init), flags].compactMap { $0 }.joined(separator: " ")
            failures[row["route"], default: [:]][row["target"] ?? noTarget, default: []]
                .append(DailyReport.FailureClass(failureClass: name, requests: row["requests"]))
        }
    }

    /// The figures of one target, with the same target's figures from `previousDay`.
    func stats(route: String, target: String, previousDay: TargetFigures) -> DailyReport.TargetStats {
        let sorted = durations[route]?[target] ?? []
        let before = previousDay.requests[route]?[target].map { requests in
            DailyReport.PreviousDay(
                requests: requests,
                errorRate: requests > 0 ? Double(previousDay.errors5xx[route]?[target] ?? 0) / Double(requests) : 0,
                p99Ms: NearestRankPercentile.percentile(99, ofSorted: previousDay.durations[route]?[target] ?? [])
            )
        }
        return DailyReport.TargetStats(
            target: target, requests: requests[route]?[target] ?? 0, errors: errors5xx[route]?[target] ?? 0,
            p50Ms: NearestRankPercentile.percentile(50, ofSorted: sorted), p90Ms: NearestRankPercentile.percentile(90, ofSorted: sorted),
            p99Ms: NearestRankPercentile.percentile(99, ofSorted: sorted), topFailureClasses: Array((failures[route]?[target] ?? []).prefix(3)),
            previousDay: before
        )
    }
}

package import Storage
import Foundation
import GRDB
import Statistics

/// Exact nearest-rank latency percentiles of `%DURATION%` by route: `routelens query latency`.
package struct LatencyReport: Sendable, Equatable, Encodable {
    package var routes: [Row]
    /// The question answered: which columns name a row's group. Not part of the JSON.
    package var scope: ReportScope

    enum CodingKeys: String, CodingKey {
        case routes
    }

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        /// Present with `--by-target`.
        package var target: String?
        /// Present with `--by-operation`; rolled-up minutes count as `(no operation)`.
        package var operation: String?
        /// Requests with a logged duration.
        package var requests: Int
        package var p50: Int64
        package var p90: Int64
        package var p95: Int64
        package var p99: Int64
        package var max: Int64
        /// `true` when part of the window was rolled up by retention, so the percentiles come from
        /// histograms (at most 1.6% high); absent from JSON when they are exact.
        package var approximate: Bool?

        enum CodingKeys: String, CodingKey {
            case route, target, operation, requests
            case p50 = "p50_ms"
            case p90 = "p90_ms"
            case p95 = "p95_ms"
            case p99 = "p99_ms"
            case max = "max_ms"
            case approximate
        }
    }
}

extension Reporter {
    package func latency(_ scope: ReportScope) throws(StorageError) -> LatencyReport {
        var routes = try rows("latency", scope).map { row in
            LatencyReport.Row(
                route: row["route"],
                target: scope.byTarget ? (row["target"] ?? noTarget) : nil,
                operation: scope.byOperation ? (row["operation"] ?? noOperation) : nil,
                requests: row["requests"],
                p50: row["p50_ms"],
                p90: row["p90_ms"],
                p95: row["p95_ms"],
                p99: row["p99_ms"],
                max: row["max_ms"]
            )
        }
        let rolledUp = try histograms(scope)
        guard !rolledUp.isEmpty else { return LatencyReport(routes: routes, scope: scope) }
        var merged = rolledUp
        for row in try rows("latency-durations", scope) {
            let key = GroupKey(scope, row)
            if merged[key] != nil { merged[key]!.record(row["duration_ms"]) }
        }
        routes.removeAll { merged[GroupKey(route: $0.route, target: $0.target, operation: $0.operation)] != nil }
        for (key, histogram) in merged where histogram.count > 0 {
            routes.append(LatencyReport.Row(
                route: key.route, target: key.target, operation: key.operation, requests: histogram.count,
                p50: histogram.percentile(50)!, p90: histogram.percentile(90)!, p95: histogram.percentile(95)!,
                p99: histogram.percentile(99)!, max: histogram.maximum!, approximate: true
            ))
        }
        routes.sort { ($0.route, $0.target ?? "", $0.operation ?? "") < ($1.route, $1.target ?? "", $1.operation ?? "") }
        return LatencyReport(routes: routes, scope: scope)
    }

    private struct GroupKey: Hashable {
        var route: String
        var target: String?
        var operation: String?

        init(route: String, target: String?, operation: String?) {
            self.route = route
            self.target = target
            self.operation = operation
        }

        init(_ scope: ReportScope, _ row: GRDB.Row) {
            route = row["route"]
            target = scope.byTarget ? (row["target"] ?? noTarget) : nil
            operation = scope.byOperation ? (row["operation"] ?? noOperation) : nil
        }
    }

    /// The merged histograms of rolled-up minutes in scope, by route (and target).
    private func histograms(_ scope: ReportScope) throws(StorageError) -> [GroupKey: LatencyHistogram] {
        var histograms: [GroupKey: LatencyHistogram] = [:]
        for row in try rows("latency-rollups", scope) {
            let key = GroupKey(scope, row)
            let bytes: Data = row["durations"]
            if let histogram = LatencyHistogram(serialized: [UInt8](bytes)) {
                histograms[key, default: LatencyHistogram()].merge(histogram)
            }
        }
        return histograms
    }
}

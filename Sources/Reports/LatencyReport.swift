package import Storage
import Foundation
import GRDB
import Statistics

/// Exact nearest-rank latency percentiles of `%DURATION%` by route: `routelens query latency`.
package struct LatencyReport: Sendable, Equatable, Encodable {
    package var routes: [Row]
    /// `exact` (nearest-rank over raw rows) or `histogram` (rollups, within 0.4%), and the coarsest resolution read.
    package var method: SourcePlan.Method
    package var resolution: String
    /// `true` when a window edge widened to a whole minute whose raw rows are gone.
    package var widened: Bool?
    /// The question answered: which columns name a row's group. Not part of the JSON.
    package var scope: ReportScope

    enum CodingKeys: String, CodingKey {
        case routes, method, resolution, widened
    }

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        /// Present with `--by-target`.
        package var target: String?
        /// Present with `--by-operation`; `(no operation)` for requests no operation matched.
        package var operation: String?
        /// Requests with a logged duration.
        package var requests: Int
        package var p50: Int64
        package var p90: Int64
        package var p95: Int64
        package var p99: Int64
        package var max: Int64

        enum CodingKeys: String, CodingKey {
            case route, target, operation, requests
            case p50 = "p50_ms"
            case p90 = "p90_ms"
            case p95 = "p95_ms"
            case p99 = "p99_ms"
            case max = "max_ms"
        }
    }
}

extension Reporter {
    /// Exact nearest-rank percentiles from raw rows when the plan reads only raw rows; otherwise the rollups'
    /// histograms merged with the raw durations at the window's edges.
    package func latency(_ scope: ReportScope) throws(StorageError) -> LatencyReport {
        let plan = try plan(scope)
        let source = ReportSource(plan)
        func report(_ routes: [LatencyReport.Row]) -> LatencyReport {
            LatencyReport(routes: routes, method: source.method, resolution: source.resolution, widened: source.widened, scope: scope)
        }
        guard plan.method == .histogram else {
            return report(try rows("latency", scope, plan).map { row in
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
            })
        }
        var merged: [GroupKey: LatencyHistogram] = [:]
        for row in try rows("latency-histograms", scope, plan) {
            let bytes: Data = row["durations"]
            if let histogram = LatencyHistogram(serialized: [UInt8](bytes)) {
                merged[GroupKey(scope, row), default: LatencyHistogram()].merge(histogram)
            }
        }
        if !plan.raw.isEmpty {
            var edges: [GroupKey: [Int64]] = [:]
            for row in try rows("latency-durations", scope, plan) {
                edges[GroupKey(scope, row), default: []].append(row["duration_ms"])
            }
            for (key, durations) in edges { merged[key, default: LatencyHistogram()].record(contentsOf: durations) }
        }
        var routes: [LatencyReport.Row] = []
        for (key, histogram) in merged {
            guard let p50 = histogram.percentile(50), let p90 = histogram.percentile(90), let p95 = histogram.percentile(95),
                let p99 = histogram.percentile(99), let max = histogram.maximum
            else { continue }
            routes.append(LatencyReport.Row(
                route: key.route, target: key.target, operation: key.operation, requests: Int(histogram.count),
                p50: p50, p90: p90, p95: p95, p99: p99, max: max
            ))
        }
        routes.sort { ($0.route, $0.target ?? "", $0.operation ?? "") < ($1.route, $1.target ?? "", $1.operation ?? "") }
        return report(routes)
    }

    private struct GroupKey: Hashable {
        var route: String
        var target: String?
        var operation: String?

        init(_ scope: ReportScope, _ row: GRDB.Row) {
            route = row["route"]
            target = scope.byTarget ? (row["target"] ?? noTarget) : nil
            operation = scope.byOperation ? (row["operation"] ?? noOperation) : nil
        }
    }
}

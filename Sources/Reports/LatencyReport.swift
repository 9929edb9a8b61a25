package import Storage
import GRDB

/// Exact nearest-rank latency percentiles of `%DURATION%` by route: `routelens query latency`.
package struct LatencyReport: Sendable, Equatable, Encodable {
    package var routes: [Row]

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        /// Present with `--by-target`.
        package var target: String?
        /// Requests with a logged duration.
        package var requests: Int
        package var p50: Int64
        package var p90: Int64
        package var p95: Int64
        package var p99: Int64
        package var max: Int64

        enum CodingKeys: String, CodingKey {
            case route, target, requests
            case p50 = "p50_ms"
            case p90 = "p90_ms"
            case p95 = "p95_ms"
            case p99 = "p99_ms"
            case max = "max_ms"
        }
    }
}

extension Reporter {
    package func latency(_ scope: ReportScope) throws(StorageError) -> LatencyReport {
        let routes = try rows("latency", scope).map { row in
            LatencyReport.Row(
                route: row["route"],
                target: scope.byTarget ? (row["target"] ?? noUpstream) : nil,
                requests: row["requests"],
                p50: row["p50_ms"],
                p90: row["p90_ms"],
                p95: row["p95_ms"],
                p99: row["p99_ms"],
                max: row["max_ms"]
            )
        }
        return LatencyReport(routes: routes)
    }
}

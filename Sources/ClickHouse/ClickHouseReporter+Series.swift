package import Reports
import Storage

/// The time series behind `serve`'s Grafana data source, over the fleet: the counts and durations SQLite's
/// `series.sql` and `series-durations.sql` give, from `queries/clickhouse/series*.sql`.
extension ClickHouseReporter {
    /// Requests, 5xx and 4xx of one interval, route and target.
    package struct SeriesCount: Sendable, Equatable {
        /// The interval's first millisecond.
        package var bucket: Int64
        package var route: String
        /// `nil` when not grouped by target, or for requests attributed to none.
        package var target: String?
        package var requests: Int
        package var errors5xx: Int
        package var errors4xx: Int
    }

    /// The durations of one interval, route and target.
    package struct SeriesDurations: Sendable, Equatable {
        package var bucket: Int64
        package var route: String
        package var target: String?
        package var durations: [Int64]
    }

    /// Counts per interval of `step` milliseconds over `scope`'s window, planned with a cut at every interval
    /// boundary so that each rollup tile lies in one interval.
    package func seriesCounts(_ scope: ReportScope, step: Int64) async throws(ClickHouseError) -> [SeriesCount] {
        guard let from = scope.from, let to = scope.to, step > 0 else { return [] }
        var cuts: [Int64] = []
        var boundary = (from / step + 1) * step
        while boundary < to {
            cuts.append(boundary)
            boundary += step
        }
        let plan = try await plan(scope, cuts: cuts)
        return try await rows("series", scope, plan, extra: ["interval_ms": String(step)]).map { row in
            SeriesCount(
                bucket: row.int("bucket") ?? 0, route: row.string("route") ?? "", target: Self.named(row.string("target_key")),
                requests: Int(row.int("requests") ?? 0), errors5xx: Int(row.int("errors_5xx") ?? 0), errors4xx: Int(row.int("errors_4xx") ?? 0)
            )
        }
    }

    /// Every raw duration of `scope`'s window per interval of `step` milliseconds; `nil` when there are more than
    /// `limit`.
    package func seriesDurations(_ scope: ReportScope, step: Int64, limit: Int) async throws(ClickHouseError) -> [SeriesDurations]? {
        let plan = SourcePlan(raw: [SourcePlan.RawRange(from: scope.from, to: scope.to)], tiles: [])
        let extra = ["interval_ms": String(max(step, 1))]
        let count = try await rows("series-durations-count", scope, plan, extra: extra).first?.int("durations") ?? 0
        guard count <= limit else { return nil }
        return try await rows("series-durations", scope, plan, extra: extra).map { row in
            SeriesDurations(
                bucket: row.int("bucket") ?? 0, route: row.string("route") ?? "", target: Self.named(row.string("target_key")),
                durations: row.ints("durations") ?? []
            )
        }
    }
}

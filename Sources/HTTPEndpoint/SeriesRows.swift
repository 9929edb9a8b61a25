import GRDB
import Queries
import Reports
import Storage

/// What the time series are made of, read with `queries/series.sql` and `queries/series-durations.sql`.
/// Blocking: call from ``BlockingReads``.
enum SeriesRows {
    struct Count: Sendable, Equatable {
        var bucket: Int64
        var route: String
        /// `(no target)` for requests attributed to none; `nil` when not grouped by target.
        var target: String?
        var requests: Int
        var errors5xx: Int
        var errors4xx: Int
    }

    /// A group of a series: a route, and a target when grouped by target.
    struct Key: Hashable, Sendable, Comparable {
        var route: String
        var target: String?

        static func < (left: Key, right: Key) -> Bool {
            (left.route, left.target ?? "") < (right.route, right.target ?? "")
        }
    }

    /// Counts per interval: raw rows at the window's ragged edges, rollups inside, the plan cut at every interval
    /// boundary so that each rollup tile lies in one interval.
    static func counts(_ database: RequestDatabase, scope: ReportScope, window: SeriesWindow) throws(StorageError) -> [Count] {
        var cuts: [Int64] = []
        var boundary = (window.from / window.step + 1) * window.step
        while boundary < window.to {
            cuts.append(boundary)
            boundary += window.step
        }
        let plan = try Reporter(database: database).plan(scope, cuts: cuts)
        let arguments = plan.arguments(adding: arguments(scope, window))
        do {
            let query = try NamedQuery.named("series")
            return try database.pool.read { db in
                try Row.fetchAll(db, sql: query.sql, arguments: arguments).map { row in
                    Count(
                        bucket: row["bucket"], route: row["route"],
                        target: scope.byTarget ? ((row["target"] as String?) ?? noTarget) : nil,
                        requests: row["requests"], errors5xx: row["errors_5xx"] ?? 0, errors4xx: row["errors_4xx"] ?? 0
                    )
                }
            }
        } catch {
            throw StorageError(error, operation: .read("series"), path: database.path)
        }
    }

    /// Durations by group and interval, each list sorted; `nil` when the window holds more than `limit`.
    static func durations(_ database: RequestDatabase, scope: ReportScope, window: SeriesWindow, limit: Int) throws(StorageError) -> [Key: [Int64: [Int64]]]? {
        // Exact percentiles per interval need every duration: raw rows only.
        let arguments = SourcePlan(raw: [.init(from: scope.from, to: scope.to)], tiles: []).arguments(adding: arguments(scope, window))
        do {
            let query = try NamedQuery.named("series-durations")
            let grouped: [Key: [Int64: [Int64]]]? = try database.pool.read { db in
                var grouped: [Key: [Int64: [Int64]]] = [:]
                var count = 0
                let rows = try Row.fetchCursor(db, sql: query.sql, arguments: arguments)
                while let row = try rows.next() {
                    count += 1
                    if count > limit { return nil }
                    let key = Key(route: row["route"], target: scope.byTarget ? ((row["target"] as String?) ?? noTarget) : nil)
                    grouped[key, default: [:]][row["bucket"], default: []].append(row["duration_ms"])
                }
                return grouped
            }
            return grouped?.mapValues { $0.mapValues { $0.sorted() } }
        } catch {
            throw StorageError(error, operation: .read("series-durations"), path: database.path)
        }
    }

    private static func arguments(_ scope: ReportScope, _ window: SeriesWindow) -> StatementArguments {
        var arguments = scope.arguments
        arguments += ["interval_ms": window.step]
        return arguments
    }
}

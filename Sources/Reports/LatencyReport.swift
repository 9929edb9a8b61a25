package import Storage
import Foundation
import GRDB
import Queries
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
        guard plan.method == .histogram else { return report(try exactLatency(scope, plan)) }
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
            if let row = LatencyReport.Row(route: key.route, target: key.target, operation: key.operation, histogram: histogram) { routes.append(row) }
        }
        routes.sort { ($0.route, $0.target ?? "", $0.operation ?? "") < ($1.route, $1.target ?? "", $1.operation ?? "") }
        return report(routes)
    }

    /// Nearest-rank percentiles over the raw rows: every duration of each group fetched by label id, sorted here.
    private func exactLatency(_ scope: ReportScope, _ plan: SourcePlan) throws(StorageError) -> [LatencyReport.Row] {
        struct IDs: Hashable {
            var route: Int64
            var target: Int64?
            var operation: Int64?
        }
        do {
            let query = try NamedQuery.named("latency")
            return try database.pool.read { db -> [LatencyReport.Row] in
                var groups: [IDs: [Int64]] = [:]
                let rows = try Row.fetchCursor(db, sql: query.sql, arguments: plan.arguments(adding: scope.arguments))
                while let row = try rows.next() {
                    groups[IDs(route: row[0], target: row[1], operation: row[2]), default: []].append(row[3])
                }
                let ids = Set(groups.keys.flatMap { [$0.route, $0.target, $0.operation].compactMap { $0 } })
                var names: [Int64: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, text FROM label WHERE id IN (\(ids.map(String.init).joined(separator: ",")))") {
                    names[row["id"]] = row["text"]
                }
                return groups.map { ids, durations in
                    let sorted = durations.sorted()
                    func rank(_ percent: Int) -> Int64 { sorted[(percent * sorted.count + 99) / 100 - 1] }
                    return LatencyReport.Row(
                        route: names[ids.route] ?? "", target: scope.byTarget ? ids.target.flatMap { names[$0] } ?? noTarget : nil,
                        operation: scope.byOperation ? ids.operation.flatMap { names[$0] } ?? noOperation : nil, requests: sorted.count,
                        p50: rank(50), p90: rank(90), p95: rank(95), p99: rank(99), max: sorted[sorted.count - 1]
                    )
                }
                .sorted { ($0.route, $0.target ?? "", $0.operation ?? "") < ($1.route, $1.target ?? "", $1.operation ?? "") }
            }
        } catch {
            throw StorageError(error, operation: .read("report latency"), path: database.path)
        }
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

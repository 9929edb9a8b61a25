import Foundation
import AccessLog
import Queries
package import Reports
package import Storage

/// The errors, latency and split reports answered from ClickHouse over every node's shipped requests, as the same
/// `ErrorReport`, `LatencyReport` and `SplitReport` values (and so the same JSON) as SQLite's answers.
///
/// Raw rows only: ClickHouse holds what nodes shipped, not their per-minute rollups, so a window older than a node's
/// `--retain-raw` counts only what was shipped before retention deleted it. Latency is exact nearest rank.
package struct ClickHouseReporter: Sendable {
    package let client: ClickHouseClient
    /// Only this node's requests; `nil` for the fleet.
    package var node: String?

    package init(client: ClickHouseClient, node: String? = nil) {
        self.client = client
        self.node = node
    }

    package func errors(_ scope: ReportScope) async throws(ClickHouseError) -> ErrorReport {
        let routes = try await rows("errors", scope).map { row in
            ErrorReport.Row(
                route: row.string("route") ?? "", target: Self.named(row.string("target_key")), operation: Self.named(row.string("operation_key")),
                requests: Int(row.int("requests") ?? 0), errors5xx: Int(row.int("errors_5xx") ?? 0),
                errors5xxLocal: Int(row.int("errors_5xx_local") ?? 0), errors4xx: Int(row.int("errors_4xx") ?? 0), scope: scope
            )
        }
        let classes = try await rows("classes", scope, conditions: windowConditions(scope)).map { row in
            (healthCheck: row.int("health_check") == 1, inbound: row.int("inbound") == 1, requests: Int(row.int("requests") ?? 0))
        }
        let window = try await rows("window", scope).first
        let covered = (window?.int("requests") ?? 0) > 0
        return ErrorReport(
            covering: covered ? window?.int("first_start_time").map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) : nil,
            to: covered ? window?.int("last_start_time").map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) : nil,
            leftOut: ErrorReport.leftOut(classes: classes, scope: scope), routes: routes, scope: scope
        )
    }

    package func latency(_ scope: ReportScope) async throws(ClickHouseError) -> LatencyReport {
        let routes = try await rows("latency", scope).map { row in
            LatencyReport.Row(
                route: row.string("route") ?? "", target: Self.named(row.string("target_key")), operation: Self.named(row.string("operation_key")),
                requests: Int(row.int("requests") ?? 0), p50: row.int("p50_ms") ?? 0, p90: row.int("p90_ms") ?? 0, p95: row.int("p95_ms") ?? 0,
                p99: row.int("p99_ms") ?? 0, max: row.int("max_ms") ?? 0, scope: scope
            )
        }
        return LatencyReport(exact: routes, scope: scope)
    }

    /// The split test against `history`, the route weights' versions. They come from the local database, not
    /// ClickHouse: weights are configuration the fleet shares (every node ingests with the same route files), and the
    /// local history holds what `routes import --effective` recorded; each node's own record of when it first saw a
    /// table would disagree by seconds and need merging.
    package func split(_ scope: ReportScope, history: [RouteWeightVersion], alpha: Double = 0.001, tolerancePP: Double = 1.0) async throws(ClickHouseError) -> SplitReport {
        let versions = history.map(\.effectiveAt)
        var observed: [Int64: [String: [String: Int]]] = [:]
        var unattributed: [Int64: [String: (requests: Int, withUpstreamHost: Int)]] = [:]
        if !versions.isEmpty {
            let array = "[" + versions.map { "toInt64(\($0))" }.joined(separator: ", ") + "]"
            for row in try await rows("split", scope, extra: ["versions": array]) {
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
        return SplitReport(history: history, observed: observed, unattributed: unattributed, scope: scope, alpha: alpha, tolerancePP: tolerancePP)
    }

    /// Rows per node, each line once.
    package func requestsByNode() async throws(ClickHouseError) -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await rows("shipped", ReportScope()) {
            if let node = row.string("node") { counts[node] = Int(row.int("requests") ?? 0) }
        }
        return counts
    }

    /// Runs `queries/clickhouse/NAME.sql` over `scope`.
    private func rows(_ name: String, _ scope: ReportScope, conditions: [String]? = nil, extra: [String: String] = [:]) async throws(ClickHouseError) -> [ClickHouseRow] {
        let query: ClickHouseQuery
        do { query = try ClickHouseQuery.named(name) } catch { throw .badAnswer(error.description) }
        var values = extra
        values["requests"] = client.endpoint.requestsTable
        values["scope"] = (conditions ?? scopeConditions(scope)).joined(separator: " AND ")
        values["target"] = scope.byTarget ? "ifNull(target, '')" : "''"
        values["operation"] = scope.byOperation ? "ifNull(operation, '')" : "''"
        return try await client.rows(query.filled(values))
    }

    /// The scope as conditions on the requests table: its window, route and node, class and side.
    private func scopeConditions(_ scope: ReportScope) -> [String] {
        var conditions = windowConditions(scope)
        conditions.append("health_check = \(scope.healthChecks ? 1 : 0)")
        switch scope.side {
        case .outbound: conditions.append("inbound = 0")
        case .inbound: conditions.append("inbound = 1")
        case .both: break
        }
        return conditions
    }

    private func windowConditions(_ scope: ReportScope) -> [String] {
        var conditions = ["1 = 1"]
        if let from = scope.from { conditions.append("start_time >= \(from)") }
        if let to = scope.to { conditions.append("start_time < \(to)") }
        if let route = scope.route { conditions.append("route = \(Self.literal(route))") }
        if let node { conditions.append("node = \(Self.literal(node))") }
        return conditions
    }

    /// `text` as a ClickHouse string literal: backslashes and quotes escaped.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// '' stands for none in the grouping keys.
    private static func named(_ key: String?) -> String? {
        key.flatMap { $0.isEmpty ? nil : $0 }
    }
}

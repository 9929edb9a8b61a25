import GRDB
import AccessLog
package import Storage

/// `query errors --by flag|status|upstream-host|details`: what the errors were, by route, with each flag's long
/// name and the 5xx split into Envoy-generated (local replies) and upstream responses.
///
/// Flags and details are part of a request's shape, so they are counted from raw rows and rollups as planned
/// (exact counts either way); status codes and upstream hosts are not in rollups and come from raw rows only.
/// A request with several flags (`UF,URX`) counts under each.
package struct ErrorTaxonomyReport: Sendable, Equatable, Encodable {
    /// What the rows are grouped by.
    package enum Dimension: String, Sendable, CaseIterable, Encodable {
        case flag
        case status
        case upstreamHost = "upstream-host"
        case details

        /// The JSON key and column of the grouping value.
        package var column: String {
            switch self {
            case .flag: "flag"
            case .status: "status"
            case .upstreamHost: "upstream_host"
            case .details: "details"
            }
        }
    }

    package var by: Dimension
    package var routes: [Row]
    package var method: SourcePlan.Method
    package var resolution: String

    package struct Row: Sendable, Equatable, Encodable {
        /// Names the key `value` is encoded under: `flag`, `status`, `upstream_host` or `details`.
        package var dimension: Dimension
        package var route: String
        /// The flag, status code, upstream host or details; `-` for none.
        package var value: String
        /// A flag's long name (`UF`: upstream connection failure); absent for other groupings.
        package var meaning: String?
        package var requests: Int
        package var errors5xx: Int
        package var errors5xxLocal: Int
        package var errors5xxUpstream: Int
        package var errors4xx: Int

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// The grouping value under its dimension's name, as the table's column says it.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(route, forKey: Key("route"))
            try container.encode(value, forKey: Key(dimension.column))
            try container.encodeIfPresent(meaning, forKey: Key("meaning"))
            for (name, count) in [
                ("requests", requests), ("errors_5xx", errors5xx), ("errors_5xx_local", errors5xxLocal), ("errors_5xx_upstream", errors5xxUpstream),
                ("errors_4xx", errors4xx),
            ] {
                try container.encode(count, forKey: Key(name))
            }
        }
    }
}

extension Reporter {
    package func errors(_ scope: ReportScope, by dimension: ErrorTaxonomyReport.Dimension) throws(StorageError) -> ErrorTaxonomyReport {
        struct Key: Hashable {
            var route: String
            var value: String
        }
        var counts: [Key: ErrorTaxonomyReport.Row] = [:]
        func add(route: String, value: String, local: Bool, requests: Int, errors5xx: Int, errors4xx: Int) {
            let key = Key(route: route, value: value)
            var row = counts[key] ?? ErrorTaxonomyReport.Row(
                dimension: dimension, route: route, value: value, meaning: dimension == .flag ? ResponseFlags.known[value] : nil, requests: 0, errors5xx: 0,
                errors5xxLocal: 0, errors5xxUpstream: 0, errors4xx: 0
            )
            row.requests += requests
            row.errors5xx += errors5xx
            row.errors4xx += errors4xx
            if local { row.errors5xxLocal += errors5xx } else { row.errors5xxUpstream += errors5xx }
            counts[key] = row
        }
        let plan: SourcePlan
        switch dimension {
        case .flag, .details:
            plan = try self.plan(scope)
            for row in try rows("errors-by-shape", scope, plan) {
                let (route, local, requests): (String, Bool, Int) = (row["route"], row["local_reply"], row["requests"])
                let (errors5xx, errors4xx): (Int, Int) = (row["errors_5xx"] ?? 0, row["errors_4xx"] ?? 0)
                let values: [String]
                if dimension == .flag {
                    let flags: String = row["flags"] ?? "-"
                    values = flags == "-" ? ["-"] : flags.split(separator: ",").map(String.init)
                } else {
                    values = [row["details"] ?? "-"]
                }
                for value in values { add(route: route, value: value, local: local, requests: requests, errors5xx: errors5xx, errors4xx: errors4xx) }
            }
        case .status, .upstreamHost:
            plan = SourcePlan(raw: [SourcePlan.RawRange(from: scope.from, to: scope.to)], tiles: [])
            for row in try rows("errors-by-row", scope, plan) {
                let (route, local, requests): (String, Bool, Int) = (row["route"], row["local_reply"], row["requests"])
                let status: Int? = row["status"]
                let host: String? = row["upstream_host"]
                let value = dimension == .status ? status.map(String.init) ?? "-" : (host ?? "-")
                let is5xx = status.map { (500...599).contains($0) } ?? false
                let is4xx = status.map { (400...499).contains($0) } ?? false
                add(route: route, value: value, local: local, requests: requests, errors5xx: is5xx ? requests : 0, errors4xx: is4xx ? requests : 0)
            }
        }
        let routes = counts.values.sorted { ($0.route, $1.errors5xx, $1.requests, $0.value) < ($1.route, $0.errors5xx, $0.requests, $1.value) }
        let source = ReportSource(plan)
        return ErrorTaxonomyReport(by: dimension, routes: routes, method: source.method, resolution: source.resolution)
    }
}

package import Storage
import GRDB

/// Error rates by route: `routelens query errors`.
package struct ErrorReport: Sendable, Equatable, Encodable {
    /// The first and last request start times the report covers (RFC 3339), `nil` when it covers none.
    package var from: String?
    package var to: String?
    /// HTTP requests in the window the report's scope leaves out: health checks (or, with
    /// `--health-checks`, the traffic), and the lines of the Istio sidecar side it does not count.
    package var leftOut: LeftOut
    package var routes: [Row]
    /// `exact` (raw rows) or `histogram` (rollups; counts exact all the same), and the coarsest resolution read.
    package var method: SourcePlan.Method
    package var resolution: String
    /// `true` when a window edge widened to a whole minute whose raw rows are gone.
    package var widened: Bool?
    /// The question answered: which columns name a row's group. Not part of the JSON, which names its keys.
    package var scope: ReportScope

    package struct LeftOut: Sendable, Equatable, Encodable {
        /// Health checks, left out unless `--health-checks`.
        package var healthChecks: Int
        /// Requests that are not health checks, left out with `--health-checks`.
        package var traffic: Int
        /// Lines of the Istio sidecar side `--side` does not count.
        package var otherSide: Int

        enum CodingKeys: String, CodingKey {
            case healthChecks = "health_checks"
            case traffic
            case otherSide = "other_side"
        }
    }

    enum CodingKeys: String, CodingKey {
        case from, to
        case leftOut = "left_out"
        case routes, method, resolution, widened
    }

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        /// Present with `--by-target`; `(no target)` for requests that reached no upstream or one no
        /// configured target is recognised in.
        package var target: String?
        /// Present with `--by-operation`; `(no operation)` for requests no OpenAPI operation matched.
        package var operation: String?
        package var requests: Int
        package var errors5xx: Int
        package var errors4xx: Int
        /// 5xx responses / requests.
        package var errorRate: Double
        /// 5xx Envoy generated itself (local replies: UF, UH, UT, NR … see `_scope.sql`), and those an upstream returned.
        package var errors5xxLocal: Int
        package var errors5xxUpstream: Int

        enum CodingKeys: String, CodingKey {
            case route, target, operation, requests
            case errors5xx = "errors_5xx"
            case errors4xx = "errors_4xx"
            case errorRate = "error_rate"
            case errors5xxLocal = "errors_5xx_local"
            case errors5xxUpstream = "errors_5xx_upstream"
        }
    }
}

extension Reporter {
    package func errors(_ scope: ReportScope) throws(StorageError) -> ErrorReport {
        let plan = try plan(scope)
        let window = try coveredWindow(scope, plan)
        let routes = try rows("errors", scope, plan).map { row in
            let requests: Int = row["requests"]
            let errors5xx: Int = row["errors_5xx"] ?? 0
            let local: Int = row["errors_5xx_local"] ?? 0
            return ErrorReport.Row(
                route: row["route"],
                target: scope.byTarget ? (row["target"] ?? noTarget) : nil,
                operation: scope.byOperation ? (row["operation"] ?? noOperation) : nil,
                requests: requests,
                errors5xx: errors5xx,
                errors4xx: row["errors_4xx"] ?? 0,
                errorRate: requests == 0 ? 0 : Double(errors5xx) / Double(requests),
                errors5xxLocal: local,
                errors5xxUpstream: errors5xx - local
            )
        }
        let source = ReportSource(plan)
        return ErrorReport(
            from: window.from, to: window.to, leftOut: try leftOut(scope, plan), routes: routes, method: source.method, resolution: source.resolution,
            widened: source.widened, scope: scope
        )
    }

    /// What `scope` leaves out of the HTTP requests in its window and route, by why.
    func leftOut(_ scope: ReportScope, _ plan: SourcePlan) throws(StorageError) -> ErrorReport.LeftOut {
        let classes = try rows("classes", scope, plan).map { row -> (healthCheck: Bool, inbound: Bool, requests: Int) in
            (row["health_check"], row["inbound"], row["requests"])
        }
        return ErrorReport.leftOut(classes: classes, scope: scope)
    }
}

/// How reports name what has no name of its own.
package enum ReportNames {
    /// The requests attributed to no target.
    package static let noTarget = "(no target)"
    /// The requests no OpenAPI operation matched: the rest of their route.
    package static let noOperation = "(no operation)"
}

let noTarget = ReportNames.noTarget
let noOperation = ReportNames.noOperation

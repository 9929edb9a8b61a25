package import Storage
import GRDB

/// Error rates by route: `routelens query errors`.
package struct ErrorReport: Sendable, Equatable, Encodable {
    /// The first and last request start times the report covers (RFC 3339), `nil` when it covers none.
    package var from: String?
    package var to: String?
    package var routes: [Row]

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        /// Present with `--by-target`; `(no target)` for requests that reached no upstream or one no
        /// configured target is recognised in.
        package var target: String?
        package var requests: Int
        package var errors5xx: Int
        package var errors4xx: Int
        /// 5xx responses / requests.
        package var errorRate: Double

        enum CodingKeys: String, CodingKey {
            case route, target, requests
            case errors5xx = "errors_5xx"
            case errors4xx = "errors_4xx"
            case errorRate = "error_rate"
        }
    }
}

extension Reporter {
    package func errors(_ scope: ReportScope) throws(StorageError) -> ErrorReport {
        let window = try coveredWindow(scope)
        let routes = try rows("errors", scope).map { row in
            let requests: Int = row["requests"]
            let errors5xx: Int = row["errors_5xx"] ?? 0
            return ErrorReport.Row(
                route: row["route"],
                target: scope.byTarget ? (row["target"] ?? noTarget) : nil,
                requests: requests,
                errors5xx: errors5xx,
                errors4xx: row["errors_4xx"] ?? 0,
                errorRate: requests == 0 ? 0 : Double(errors5xx) / Double(requests)
            )
        }
        return ErrorReport(from: window.from, to: window.to, routes: routes)
    }
}

/// How reports by target name the requests attributed to no target.
let noTarget = "(no target)"

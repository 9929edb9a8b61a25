import GRDB
import AccessLog
package import Storage

/// `query routes`: what the database knows, so that an empty answer can be explained: every route and target
/// with its requests, health checks and TCP records, and the first and last minute it was seen, from the minute
/// rollups (which outlive raw rows); and the span of the raw rows still kept.
package struct RouteSummaryReport: Sendable, Equatable, Encodable {
    package var routes: [Row]
    /// The first and last raw request start time kept (RFC 3339); `nil` when none.
    package var rawFrom: String?
    package var rawTo: String?

    enum CodingKeys: String, CodingKey {
        case routes
        case rawFrom = "raw_from"
        case rawTo = "raw_to"
    }

    package struct Row: Sendable, Equatable, Encodable {
        package var route: String
        package var target: String?
        package var requests: Int
        package var healthChecks: Int
        package var tcpRecords: Int
        package var firstMinute: String?
        package var lastMinute: String?

        enum CodingKeys: String, CodingKey {
            case route, target, requests
            case healthChecks = "health_checks"
            case tcpRecords = "tcp_records"
            case firstMinute = "first_minute"
            case lastMinute = "last_minute"
        }
    }
}

extension Reporter {
    package func routeSummary() throws(StorageError) -> RouteSummaryReport {
        let rows = try rows("routes", ReportScope(), SourcePlan(raw: [], tiles: []))
        let time = { (value: Int64?) in value.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) }
        let holdings: SourcePlan.Holdings
        do {
            holdings = try database.pool.read { db in try SourcePlan.Holdings.read(db, from: nil, to: nil) }
        } catch {
            throw StorageError(error, operation: .read("what the database holds"), path: database.path)
        }
        return RouteSummaryReport(
            routes: rows.map { row in
                RouteSummaryReport.Row(
                    route: row["route"], target: row["target"], requests: row["requests"], healthChecks: row["health_checks"],
                    tcpRecords: row["tcp_records"], firstMinute: time(row["first_minute"]), lastMinute: time(row["last_minute"])
                )
            },
            rawFrom: time(holdings.oldestRaw), rawTo: time(holdings.newestRaw)
        )
    }
}

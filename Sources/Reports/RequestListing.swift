import AccessLog
import Foundation
package import GRDB
package import Storage
import Queries

/// `routelens requests`: raw requests, newest first, with their route and target; times as RFC 3339.
package struct RequestListing: Sendable, Equatable, Encodable {
    package var requests: [Request]

    /// Which requests to list; `nil` is no filter.
    package struct Filter: Sendable, Equatable {
        package var from: Int64?
        package var to: Int64?
        package var route: String?
        package var target: String?
        /// Inclusive status range: `5xx` is 500…599, `503` is 503…503.
        package var status: ClosedRange<Int>?
        package var flag: String?
        package var host: String?
        package var pathPrefix: String?
        package var minimumDurationMs: Int64?
        package var requestID: String?
        package var limit: Int

        package init(
            from: Int64? = nil, to: Int64? = nil, route: String? = nil, target: String? = nil, status: ClosedRange<Int>? = nil, flag: String? = nil,
            host: String? = nil, pathPrefix: String? = nil, minimumDurationMs: Int64? = nil, requestID: String? = nil, limit: Int = 100
        ) {
            (self.from, self.to, self.route, self.target, self.status, self.flag) = (from, to, route, target, status, flag)
            (self.host, self.pathPrefix, self.minimumDurationMs, self.requestID, self.limit) = (host, pathPrefix, minimumDurationMs, requestID, limit)
        }

        /// `5xx`, `4xx` … or one status code as an inclusive range; `nil` when it is neither.
        package static func statusRange(_ text: String) -> ClosedRange<Int>? {
            if text.count == 3, text.hasSuffix("xx"), let digit = Int(text.prefix(1)), (1...5).contains(digit) {
                return (digit * 100)...(digit * 100 + 99)
            }
            guard let code = Int(text), (100...599).contains(code) else { return nil }
            return code...code
        }

        var arguments: StatementArguments {
            [
                "status_low": status?.lowerBound, "status_high": status?.upperBound, "target": target, "flag": flag, "host": host,
                "path_prefix": pathPrefix, "min_duration": minimumDurationMs, "request_id": requestID,
                "request_id_blob": requestID.flatMap(Self.uuidBytes), "limit": limit,
            ]
        }

        /// A lower-case UUID as the 16 bytes ingest stores it as.
        static func uuidBytes(_ text: String) -> Data? {
            let hex = Array(text.utf8.filter { $0 != UInt8(ascii: "-") })
            guard text.utf8.count == 36, hex.count == 32 else { return nil }
            var bytes: [UInt8] = []
            for index in stride(from: 0, to: 32, by: 2) {
                guard let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(byte)
            }
            return Data(bytes)
        }
    }

    package struct Request: Sendable, Equatable, Encodable {
        package var startTime: String?
        package var route: String
        package var target: String?
        package var method: String?
        package var path: String?
        package var status: Int?
        package var flags: String?
        package var details: String?
        package var durationMs: Int64?
        package var bytesReceived: Int64?
        package var bytesSent: Int64?
        package var upstreamHost: String?
        package var forwardedFor: String?
        package var requestID: String?

        enum CodingKeys: String, CodingKey {
            case startTime = "start_time"
            case route, target, method, path, status, flags, details
            case durationMs = "duration_ms"
            case bytesReceived = "bytes_received"
            case bytesSent = "bytes_sent"
            case upstreamHost = "upstream_host"
            case forwardedFor = "x_forwarded_for"
            case requestID = "request_id"
        }
    }
}

extension Reporter {
    /// The raw requests `filter` matches, newest first; requests whose raw rows retention deleted are not listed.
    package func requests(_ filter: RequestListing.Filter) throws(StorageError) -> RequestListing {
        let scope = ReportScope(from: filter.from, to: filter.to, route: filter.route, side: .both)
        var arguments = SourcePlan(raw: [SourcePlan.RawRange(from: filter.from, to: filter.to)], tiles: []).arguments(adding: scope.arguments)
        _ = arguments.append(contentsOf: filter.arguments)
        let rows: [Row]
        do {
            let query = try NamedQuery.named("requests")
            rows = try database.pool.read { db in try Row.fetchAll(db, sql: query.sql, arguments: arguments) }
        } catch {
            throw StorageError(error, operation: .read("report requests"), path: database.path)
        }
        return RequestListing(requests: rows.map { row in
            RequestListing.Request(
                startTime: (row["start_time"] as Int64?).map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)), route: row["route"],
                target: row["target"], method: row["method"], path: row["path"], status: row["status"], flags: row["flags"], details: row["details"],
                durationMs: row["duration_ms"], bytesReceived: row["bytes_received"], bytesSent: row["bytes_sent"], upstreamHost: row["upstream_host"],
                forwardedFor: row["x_forwarded_for"], requestID: row["request_id"]
            )
        })
    }
}

/// One access-log record with its values copied out of the line: what `routelens parse` prints.
///
/// Absent values (`-` in a text log, `null` or `"-"` in JSON) are `nil`.
package struct AccessRecord: Sendable, Equatable {
    /// Milliseconds since the Unix epoch, UTC.
    package var startTime: Int64?
    package var method: String?
    package var path: String?
    package var `protocol`: String?
    package var status: Int64?
    /// Every `%RESPONSE_FLAGS%` code, known or not, in logged order.
    package var flags: [String]
    package var details: String?
    package var bytesReceived: Int64?
    package var bytesSent: Int64?
    package var durationMilliseconds: Int64?
    package var upstreamServiceTimeMilliseconds: Int64?
    package var forwardedFor: String?
    package var userAgent: String?
    package var requestID: String?
    package var authority: String?
    package var upstreamHost: String?
    package var upstreamCluster: String?
    package var routeName: String?
    package var isTCP: Bool
    /// Values of operators or keys RouteLens does not model, by name, in format order.
    package var extras: [Extra]

    package struct Extra: Sendable, Equatable {
        package var name: String
        package var value: String?
    }
}

extension LineParser {
    /// The current line's record, with its values copied out.
    package func record() -> AccessRecord {
        AccessRecord(
            startTime: startTime,
            method: string(.method),
            path: string(.path),
            protocol: string(.protocol),
            status: integer(.status),
            flags: text(.flags).map(ResponseFlags.codes(in:)) ?? [],
            details: string(.details),
            bytesReceived: integer(.bytesReceived),
            bytesSent: integer(.bytesSent),
            durationMilliseconds: integer(.duration),
            upstreamServiceTimeMilliseconds: integer(.upstreamServiceTime),
            forwardedFor: string(.forwardedFor),
            userAgent: string(.userAgent),
            requestID: string(.requestID),
            authority: string(.authority),
            upstreamHost: string(.upstreamHost),
            upstreamCluster: string(.upstreamCluster),
            routeName: string(.routeName),
            isTCP: isTCP,
            extras: extras.map { AccessRecord.Extra(name: $0.name, value: $0.value) }
        )
    }
}

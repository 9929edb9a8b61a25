/// One request of a batch with every field spelled out: what a sink that stores values rather than SQLite label ids
/// (ClickHouse, an export) writes. Names follow the `request_view` columns and `routelens parse`'s JSON keys.
package struct AttributedRequest: Sendable, Equatable {
    /// The line of its file, from 1.
    package var line: Int64
    package var startTime: Int64?
    package var status: Int64?
    package var bytesReceived: Int64?
    package var bytesSent: Int64?
    package var durationMs: Int64?
    package var upstreamServiceTimeMs: Int64?
    package var attribution: RequestAttribution
    package var isTCP: Bool
    package var method: String?
    package var `protocol`: String?
    package var flags: String?
    package var details: String?
    package var authority: String?
    package var upstreamCluster: String?
    package var routeName: String?
    package var userAgent: String?
    package var upstreamHost: String?
    package var path: String?
    package var forwardedFor: String?
    /// As logged; a UUID stored as its 16 bytes is spelled out again in lower case.
    package var requestID: String?
}

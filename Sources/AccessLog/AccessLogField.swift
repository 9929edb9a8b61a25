/// A request attribute RouteLens models, whichever format or key it was logged under.
///
/// Each case corresponds to an Envoy command operator (or a family of them); see
/// <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#command-operators>.
/// Operators that map to none of these are kept as named extra fields.
package enum AccessLogField: Int, CaseIterable, Sendable {
    case startTime
    case method
    case path
    case `protocol`
    case status
    case flags
    case details
    case bytesReceived
    case bytesSent
    case duration
    case upstreamServiceTime
    case forwardedFor
    case userAgent
    case requestID
    case authority
    case upstreamHost
    case upstreamCluster
    case routeName

    /// How a logged value of this field is validated and converted.
    package enum ValueKind: Sendable {
        case timestamp
        case integer
        case flags
        case text
    }

    package var valueKind: ValueKind {
        switch self {
        case .startTime: .timestamp
        case .status, .bytesReceived, .bytesSent, .duration, .upstreamServiceTime: .integer
        case .flags: .flags
        default: .text
        }
    }

    /// The key under which `routelens parse` prints the field, and the SQLite column it is stored in.
    package var key: String {
        switch self {
        case .startTime: "start_time"
        case .method: "method"
        case .path: "path"
        case .protocol: "protocol"
        case .status: "status"
        case .flags: "flags"
        case .details: "details"
        case .bytesReceived: "bytes_received"
        case .bytesSent: "bytes_sent"
        case .duration: "duration_ms"
        case .upstreamServiceTime: "upstream_service_time_ms"
        case .forwardedFor: "x_forwarded_for"
        case .userAgent: "user_agent"
        case .requestID: "request_id"
        case .authority: "authority"
        case .upstreamHost: "upstream_host"
        case .upstreamCluster: "upstream_cluster"
        case .routeName: "route_name"
        }
    }

    /// When a text line is ambiguous because Envoy does not escape quotes (envoy#4191), the field with
    /// the highest rank absorbs the ambiguity: fields left of it are read left to right and fields right
    /// of it right to left. The User-Agent is the field clients most often fill with arbitrary text.
    var absorbRank: Int {
        switch self {
        case .userAgent: 10
        case .forwardedFor, .requestID, .authority: 5
        case .path: 4
        case .details, .routeName, .upstreamCluster, .upstreamHost: 2
        case .startTime, .method, .protocol, .status, .flags, .bytesReceived, .bytesSent, .duration,
            .upstreamServiceTime:
            0
        }
    }
}

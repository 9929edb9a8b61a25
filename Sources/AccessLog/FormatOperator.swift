/// One command operator of an Envoy format string: `%COMMAND%`, `%COMMAND(ARGUMENT)%` or
/// `%COMMAND(ARGUMENT):MAX_LENGTH%`.
///
/// See <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#command-operators>.
package struct FormatOperator: Sendable, Equatable {
    /// The command with Envoy's long aliases folded: `REQUEST_HEADER` is `REQ`, `RESPONSE_HEADER` is `RESP`.
    package var command: String
    package var argument: String?
    /// The `:N` truncation. Parsing ignores it: a truncated value is still the logged value.
    package var maxLength: Int?

    /// The field this operator fills, or `nil` when RouteLens keeps it as a named extra field.
    package var field: AccessLogField? {
        switch command {
        case "START_TIME": return .startTime
        case "PROTOCOL": return .protocol
        case "RESPONSE_CODE": return .status
        case "RESPONSE_FLAGS": return .flags
        case "RESPONSE_CODE_DETAILS": return .details
        case "BYTES_RECEIVED": return .bytesReceived
        case "BYTES_SENT": return .bytesSent
        case "DURATION": return .duration
        case "UPSTREAM_HOST": return .upstreamHost
        case "UPSTREAM_CLUSTER", "UPSTREAM_CLUSTER_RAW": return .upstreamCluster
        case "ROUTE_NAME": return .routeName
        case "PATH": return .path
        case "REQ": return Self.requestHeaderField(headers)
        case "RESP": return headers.first == "x-envoy-upstream-service-time" ? .upstreamServiceTime : nil
        default: return nil
        }
    }

    /// The lower-cased header names of a `REQ(X?Y)` / `RESP(X?Y)` argument, main header first.
    private var headers: [String] {
        guard let argument else { return [] }
        return argument.split(separator: "?").map { $0.lowercased() }
    }

    /// The field of `%REQ(A?B)%`: Envoy logs header A, or B when A is absent, so whichever of them
    /// RouteLens models names the field, e.g. `X-ENVOY-ORIGINAL-METHOD?:METHOD` is the method.
    private static func requestHeaderField(_ headers: [String]) -> AccessLogField? {
        for header in headers {
            switch header {
            case ":method", "x-envoy-original-method": return .method
            case ":path", "x-envoy-original-path": return .path
            case "x-forwarded-for": return .forwardedFor
            case "user-agent": return .userAgent
            case "x-request-id": return .requestID
            case ":authority", "host": return .authority
            default: continue
            }
        }
        return nil
    }

    /// The name under which an unmodelled operator's value is reported, e.g. `UPSTREAM_LOCAL_ADDRESS`
    /// or `REQ(X-B3-TRACEID)`.
    package var name: String {
        argument.map { "\(command)(\($0))" } ?? command
    }
}

extension FormatOperator: CustomStringConvertible {
    package var description: String {
        "%\(name)\(maxLength.map { ":\($0)" } ?? "")%"
    }
}

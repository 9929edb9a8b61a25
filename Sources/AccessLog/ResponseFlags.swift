/// Envoy's `%RESPONSE_FLAGS%`: short codes joined by `,`, or `-` for none.
///
/// See <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#config-access-log-format-response-flags>.
/// Codes RouteLens does not know are kept as logged: new Envoy versions add codes.
package enum ResponseFlags {
    /// The codes Envoy documents, with what each means.
    package static let known: [String: String] = [
        "UH": "no healthy upstream",
        "UF": "upstream connection failure",
        "UO": "upstream overflow (circuit breaking)",
        "NR": "no route configured",
        "URX": "upstream retry limit or max connect attempts exceeded",
        "NC": "upstream cluster not found",
        "DT": "request or connection exceeded max duration",
        "DC": "downstream connection termination",
        "LH": "local service failed health check",
        "UT": "upstream request timeout",
        "LR": "connection local reset",
        "UR": "upstream remote reset",
        "UC": "upstream connection termination",
        "DI": "request delayed by fault injection",
        "FI": "request aborted by fault injection",
        "RL": "rate limited locally",
        "UAEX": "unauthorized by external authorization",
        "RLSE": "rate limit service error",
        "IH": "strict-check header failed validation",
        "SI": "stream idle timeout",
        "DPE": "downstream HTTP protocol error",
        "UPE": "upstream HTTP protocol error",
        "UMSDR": "upstream max stream duration reached",
        "RFCF": "response from cache filter",
        "NFCF": "no filter config found",
        "OM": "overload manager terminated the request",
        "DF": "DNS resolution failed",
        "DO": "drop overload",
        "DR": "downstream remote reset",
        "UDO": "unconditional drop overload",
    ]

    /// The codes in a logged value: `UF,URX` gives `["UF", "URX"]`, `-` gives `[]`.
    package static func codes(in value: UnsafeRawBufferPointer) -> [String] {
        value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}

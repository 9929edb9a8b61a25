package import ClickHouse

/// Why `routelens serve` refuses to start, with what to do instead.
package enum EndpointConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unauthenticatedNonLoopback(host: String)
    case tokenAndInsecure
    case emptyToken
    case invalidListenAddress(String)
    case unreadableTokenFile(path: String)
    /// The `--clickhouse` options do not name a usable ClickHouse (a bad URL, an unreadable password file).
    case clickHouse(ClickHouseError)

    package var description: String {
        switch self {
        case .unauthenticatedNonLoopback(let host):
            "listening on \(host), beyond this machine, needs --token-file FILE (a bearer token) or, knowingly, --insecure-no-auth"
        case .tokenAndInsecure:
            "give --token-file or --insecure-no-auth, not both"
        case .emptyToken:
            "the token file is empty; write a long random token into it (e.g. openssl rand -hex 32)"
        case .invalidListenAddress(let text):
            "--listen \(text) is not HOST:PORT such as 127.0.0.1:9480, [::1]:9480 or 0.0.0.0:9480"
        case .unreadableTokenFile(let path):
            "cannot read the token file \(path); check the path and permissions"
        case .clickHouse(let error):
            error.description
        }
    }
}

/// What went wrong talking to ClickHouse, and what to do about it: callers switch on the case; ``description``
/// says it in a sentence for the command line. Never carries the password.
package enum ClickHouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--clickhouse` URL is not an http(s) URL with a host.
    case badURL(String, reason: String)
    /// `--clickhouse-ca-file` is not a file of PEM certificates, or was given with an http URL.
    case badCAFile(String, reason: String)
    /// ClickHouse refused the user or password (ClickHouse codes 192, 193, 516).
    case authenticationFailed(user: String, code: Int, message: String)
    /// Nothing answered at the URL, the connection broke, or the request timed out: retry later.
    case serverDown(url: String, reason: String)
    /// The TLS handshake with an https URL failed: most often a certificate no trusted CA signed.
    case tlsFailed(url: String, reason: String)
    /// ClickHouse answered with an exception: its code (`Code: 60` is an unknown table), and its message.
    case sql(code: Int, message: String, query: String)
    /// An answer RouteLens could not read.
    case badAnswer(String)

    package var description: String {
        switch self {
        case .badURL(let url, let reason):
            "bad ClickHouse URL \(url): \(reason); give --clickhouse as http://HOST:8123 or https://HOST:8443"
        case .badCAFile(let path, let reason):
            "--clickhouse-ca-file \(path): \(reason)"
        case .authenticationFailed(let user, let code, let message):
            "ClickHouse refused user \(user) (code \(code): \(message)); check --clickhouse-user and the password file or CLICKHOUSE_PASSWORD"
        case .serverDown(let url, let reason):
            "ClickHouse at \(url) did not answer (\(reason)); check that it runs and the URL and port are right"
        case .tlsFailed(let url, let reason):
            "ClickHouse at \(url) failed the TLS handshake (\(reason)); if its certificate comes from a private CA, give --clickhouse-ca-file with that CA's PEM certificate"
        case .sql(let code, let message, let query):
            "ClickHouse error \(code): \(message)" + (code == 60 || code == 81 ? " (run routelens clickhouse init first)" : "") + " in: \(query.prefix(200))"
        case .badAnswer(let detail):
            "ClickHouse gave an answer RouteLens could not read: \(detail)"
        }
    }

    /// Whether trying again later can succeed: the server was down or busy, not a mistake in the request.
    package var isTransient: Bool {
        switch self {
        case .serverDown: true
        // TOO_MANY_SIMULTANEOUS_QUERIES, TOO_MANY_PARTS, TIMEOUT_EXCEEDED, NETWORK_ERROR, SOCKET_TIMEOUT, memory limit.
        case .sql(let code, _, _): [202, 252, 159, 210, 209, 241].contains(code)
        default: false
        }
    }
}

package import ClickHouse
/// What `routelens serve` is told: where the database is, where to listen, who may ask, and the limits every
/// request runs under. Built by the CLI (or the application module) and checked with ``validated()`` before
/// the service starts.
package struct EndpointConfiguration: Sendable, Equatable {
    /// The SQLite database, opened read-only (it may not exist yet when a follow service in the same process
    /// is about to create it: the endpoint opens it on first use and `/readyz` says so until then).
    package var databasePath: String
    package var host: String
    package var port: Int
    /// The bearer token every endpoint but `/healthz` requires; `nil` with ``insecureNoAuth`` or on loopback.
    package var token: String?
    /// Serve a non-loopback address without a token, because the operator said so.
    package var insecureNoAuth: Bool
    /// How far behind its files ingest may be, in seconds, and `/readyz` still answer ready.
    package var readyLagSeconds: Double
    package var limits: Limits
    /// With `serve --clickhouse`: where `/api/v1/errors|latency|split` and the Flagger gate read the fleet's answer
    /// (every node that ships there); `nil` answers from the local database.
    package var fleet: ClickHouseReporter?

    /// Bounds on every request, so that one caller cannot hold the server.
    package struct Limits: Sendable, Equatable {
        /// A request that has not answered by then gets 503 (its database read finishes on its own thread).
        package var requestSeconds: Double = 10
        /// Largest request body (Grafana's JSON), in bytes.
        package var bodyBytes: Int = 64 * 1024
        /// Most rows one answer may have (report rows, table rows).
        package var rows: Int = 10_000
        /// Most points one Grafana answer may have over all its series (24 h of minutes for 60 series; ~3 MB).
        package var points: Int = 100_000
        /// Most points one time series may have, whatever Grafana's `maxDataPoints` asks for.
        package var pointsPerSeries: Int = 2_000
        /// Longest window a request may name with from/to (31 days); an unbounded window is the database's.
        package var rangeMilliseconds: Int64 = 31 * 86_400_000
        /// Raw durations a latency series may read before it is refused as too large.
        package var durations: Int = 5_000_000
        /// Database reads running at once; more wait their turn off the cooperative pool.
        package var concurrentReads: Int = 4
        /// Open connections; more are not accepted until one closes.
        package var connections: Int = 256
        /// A connection idle this long (a slow or stalled client) is closed.
        package var idleSeconds: Double = 30

        package init() {}
    }

    package init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 9480, token: String? = nil, insecureNoAuth: Bool = false,
        readyLagSeconds: Double = 60, limits: Limits = Limits()
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.token = token
        self.insecureNoAuth = insecureNoAuth
        self.readyLagSeconds = readyLagSeconds
        self.limits = limits
    }

    /// Whether ``host`` is a loopback address, reachable from this machine only.
    package var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The configuration, or why it must not run: a non-loopback address without a token or an explicit
    /// `--insecure-no-auth`, both at once, an empty token, or a port out of range.
    package func validated() throws(EndpointConfigurationError) -> EndpointConfiguration {
        guard (0...65535).contains(port) else { throw .invalidListenAddress("\(host):\(port)") }
        if let token, token.isEmpty { throw .emptyToken }
        if token != nil, insecureNoAuth { throw .tokenAndInsecure }
        if !isLoopback, token == nil, !insecureNoAuth { throw .unauthenticatedNonLoopback(host: host) }
        return self
    }

    /// `HOST:PORT`, `[::1]:PORT` or `:PORT` (every address) as `--listen` takes it.
    package static func listenAddress(_ text: String) throws(EndpointConfigurationError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalidListenAddress(text)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

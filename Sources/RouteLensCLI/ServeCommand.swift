import ArgumentParser
import ClickHouse
import Foundation
import HTTPEndpoint
import Logging
import RouteLensApp
import ServiceLifecycle
import Storage
import UnixSignals

/// `routelens serve`: the HTTP endpoint over the database (JSON API, Grafana data source, Prometheus metrics,
/// rollout gates), stopped by SIGTERM or SIGINT after the requests in flight.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the reports over HTTP: JSON for scripts and Grafana, Prometheus metrics, rollout gates.",
        discussion: """
            Binds 127.0.0.1:9480 by default. Any other address needs --token-file (every endpoint but /healthz then
            requires Authorization: Bearer TOKEN) or, knowingly, --insecure-no-auth. GET /openapi.yaml describes
            every endpoint. The endpoint reads the database read-only. With --follow PATH (repeatable), the same
            process also follows those logs into it, as routelens ingest --follow does, with every ingest option:
            one process, one database file (WAL: readers never block the writer), stopped together.
            Examples:
              routelens serve --db /data/routelens.sqlite --follow '/var/log/envoy/access.log*' --routes /etc/routelens/routes/
              routelens serve --db /data/routelens.sqlite
              routelens serve --listen 0.0.0.0:9480 --token-file /run/secrets/routelens-token
              curl -s 'http://127.0.0.1:9480/api/v1/split?since=10m' | jq '.routes[] | {route, verdict, p_value}'

            With --clickhouse URL, /api/v1/errors, /api/v1/latency, /api/v1/split, POST /flagger/gate and Grafana's
            /grafana/query answer for the whole fleet from ClickHouse (every node shipping there), and with --follow
            this node also ships what it ingests there, as routelens ingest --clickhouse does. /metrics,
            /api/v1/routes, Grafana's route lists and the daily report still read the local database, and split takes
            the route weights from it (routes import).
              routelens serve --db /data/routelens.sqlite --follow /var/log/envoy/ --clickhouse http://clickhouse:8123 --node gw-1
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("follow"),
        help: ArgumentHelp("Also follow these logs into the database (files, directories, quoted globs; repeatable).", valueName: "path")
    )
    var followPaths: [String] = []

    @OptionGroup(title: "Following (with --follow)") var formatOptions: FormatOptions
    @OptionGroup(title: "Following (with --follow)") var reading: ReadingOptions

    @OptionGroup(title: "Fleet (ClickHouse)") var clickhouse: ClickHouseOptions

    @Option(help: ArgumentHelp("With --follow and --clickhouse: the node this process ships as. Default: this host's name.", valueName: "name"))
    var node: String?

    @Option(help: ArgumentHelp("Address and port to listen on: 127.0.0.1:9480, [::1]:9480, 0.0.0.0:9480.", valueName: "host:port"))
    var listen = "127.0.0.1:9480"

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding the bearer token every endpoint but /healthz requires.", valueName: "file"))
    var tokenFile: String?

    @Flag(name: .customLong("insecure-no-auth"), help: "Serve a non-loopback address without a token.")
    var insecureNoAuth = false

    @Option(name: .customLong("ready-lag"), help: ArgumentHelp("Seconds ingest may lag behind its files while /readyz still answers ready.", valueName: "seconds"))
    var readyLag = 60.0

    func validate() throws {
        guard readyLag >= 0 else { throw ValidationError("--ready-lag must not be negative") }
        do {
            _ = try endpointConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let configuration: EndpointConfiguration
        do {
            configuration = try endpointConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
        var logger = Logger(label: "routelens") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .info
        let signals = StartupSignals()
        // The follower first: it creates and migrates the database the endpoint then reads.
        let application: IngestApplication?
        if followPaths.isEmpty {
            application = nil
        } else {
            var ingest = try reading.configuration(database: database.path, format: formatOptions, paths: followPaths, follow: true)
            ingest.retentionHolds = try clickhouse.retentionHolds(node: node)
            application = try IngestApplication.starting(ingest)
        }
        for warning in application?.routeWarnings ?? [] { printError("warning: \(warning)") }
        let endpoint: HTTPEndpointService
        do {
            endpoint = try HTTPEndpointService(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError(error.description)
        }
        if signals.handOver() {
            printError("stopped by a signal while starting")
            return
        }
        if let application {
            let shippers: [any Service] = try clickhouse.shippers(database: application.database, node: node)
            try await application.run(logger: logger, alongside: [endpoint] + shippers)
        } else {
            let group = ServiceGroup(services: [endpoint], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
        }
    }

    /// The endpoint's configuration from the flags; the token file's surrounding whitespace is not part of the token.
    func endpointConfiguration() throws(EndpointConfigurationError) -> EndpointConfiguration {
        let (host, port) = try EndpointConfiguration.listenAddress(listen)
        var token: String?
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else { throw .unreadableTokenFile(path: tokenFile) }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var configuration = try EndpointConfiguration(
            databasePath: database.db ?? RequestDatabase.defaultPath, host: host, port: port, token: token, insecureNoAuth: insecureNoAuth,
            readyLagSeconds: readyLag
        ).validated()
        do {
            configuration.fleet = try clickhouse.fleetEndpoint().map { ClickHouseReporter(client: ClickHouseClient(endpoint: $0)) }
        } catch {
            throw .clickHouse(error)
        }
        return configuration
    }
}

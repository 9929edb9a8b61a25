import ArgumentParser
import Follow
import Foundation
import Ingest
import Logging
import Routing
import ServiceLifecycle
import UnixSignals
import Storage

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read access logs into the database, each request exactly once.",
        discussion: """
            Files may be plain or gzip (several members included). A file is known by its first KiB of content, so ingesting it again, or after it was renamed or compressed by logrotate, adds only lines not read before. Lines that are not records of the format are counted and kept with their file, line and reason (see the rejected_line table).

            With --routes, each request is attributed to a configured route (by its logged route name, else by matching method, host, path and headers, else '(unmatched)') and to a weighted target (from its upstream cluster, else its upstream host through a host map). Without it, requests are grouped by logged route name or upstream cluster.

            With --openapi, each request is also matched to an OpenAPI operation (GET /orders/{id}) for `query errors|latency --by-operation`.

            Every request is stored; health checks (User-Agent Envoy/HC, kube-probe/, ELB-HealthChecker/, GoogleHC/ …) and the server-side copies of Istio requests (inbound|… clusters) are marked so that queries leave them out unless asked (--health-checks, --side).

            The routes' weights are recorded for the split report as the version in force: since the beginning in a database that has none yet, otherwise from now when they differ from the version in force now. So backfilling old logs leaves them tested against the weights of their time; say when a table took effect with routes import --effective. With --follow, route files that change are read again on the next poll: requests read from then on are attributed with the new table and its weights are recorded from the time the change was seen. Route files that change into something unusable are logged and the previous table kept until they change again.

            PATH is a file (its rotated siblings access.log.1, access.log.2.gz, access.log-20261126.gz come along), a directory (every file in it), or a quoted glob. Files are read oldest first.

            With --follow, RouteLens keeps running: it polls the paths every --poll-interval seconds and reads appended lines and new or rotated files (logrotate's create, copytruncate, compress and delaycompress), each line once. SIGTERM or SIGINT commits the batch in hand and exits 0. copytruncate loses whatever Envoy writes between logrotate's copy and its truncate; RouteLens cannot recover those lines (use create where you can).

            Examples:
              routelens ingest --db gateway.sqlite --routes routes/ /var/log/envoy/
              routelens ingest --follow --db gateway.sqlite '/var/log/envoy/access.log*'
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var formatOptions: FormatOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Route configuration: a JSON or YAML file, or a directory of them (repeatable).",
            discussion: "Gateway API HTTPRoute/GRPCRoute, Istio VirtualService and DestinationRule, App Mesh JSON (describe-gateway-route, describe-route) and Kubernetes CRDs, RouteLens routes files; kinds are detected per document. Check them first with `routelens routes check`.",
            valueName: "file|dir"
        )
    )
    var routes: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "An OpenAPI 3 document (JSON or YAML) to group requests into operations; HOST=FILE scopes it to one authority (repeatable).",
            valueName: "[host=]file"
        )
    )
    var openapi: [String] = []

    @Flag(help: "Keep running: read appended lines and new or rotated files until SIGTERM or SIGINT.")
    var follow = false

    @Option(help: ArgumentHelp("With --follow, seconds between polls of the paths.", valueName: "seconds"))
    var pollInterval = 0.5

    @Option(
        name: .customLong("retain-raw"),
        help: ArgumentHelp(
            "Keep raw request rows this long: 14d, 36h, 2w; 0 keeps them forever. Default: 14d with --follow, forever without.",
            discussion: "Older rows are rolled up per minute, route and target (requests, 5xx, 4xx, a latency histogram) and deleted, a minute at a time. Reports over rolled-up minutes keep exact counts and splits; their percentiles become approximate (at most 1.6% high, marked approximate).",
            valueName: "duration"
        )
    )
    var retainRaw: String?

    @Argument(help: ArgumentHelp("Log files (plain or gzip), directories, or quoted globs.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one log file, directory or glob to ingest") }
        guard pollInterval > 0 else { throw ValidationError("--poll-interval must be positive") }
        if let retainRaw { _ = try DurationOption.milliseconds(retainRaw, option: "--retain-raw", allowingZero: true) }
    }

    /// The raw-row retention in milliseconds, or `nil` to keep raw rows forever.
    private var retention: Int64? {
        get throws {
            let milliseconds = try DurationOption.milliseconds(retainRaw ?? (follow ? "14d" : "0"), option: "--retain-raw", allowingZero: true)
            return milliseconds > 0 ? milliseconds : nil
        }
    }

    mutating func run() async throws {
        let choice = try formatOptions.choice()
        let watch = try follow && !routes.isEmpty ? RouteFileWatch(paths: routes, load: { [routes] in try RouteFiles.table(routes) }) : nil
        let table = try watch?.table ?? RouteFiles.load(routes)
        let operations = try OpenAPIFiles.load(openapi)
        let database = try database.open()
        if let table {
            try database.recordRouteWeights(ofIngested: table, now: Int64(Date().timeIntervalSince1970 * 1000))
        }
        let ingestor = Ingestor(database: database, options: IngestOptions(format: choice, attributor: RequestAttributor(routes: table, operations: operations)))
        let logPaths = LogPaths(paths, excluding: [database.path, database.path + "-wal", database.path + "-shm"])
        let retention = try retention.map { RawRetention(database: database, keepingMilliseconds: $0) }
        if follow {
            try await Self.follow(logPaths, with: ingestor, routes: watch, every: pollInterval, retention: retention)
            return
        }
        let files = logPaths.listing().map(\.path) + paths.filter { FileSnapshot(path: $0) == nil && !Self.isDirectoryOrGlob($0) }
        let checkpoints = database.startBackgroundCheckpoints()
        var failures = 0
        var total = IngestSummary(path: "", format: "", formatDetected: false)
        let started = Date()
        for path in files {
            var bar = ProgressBar(label: (path as NSString).lastPathComponent, enabled: standardErrorIsTerminal)
            do {
                let summary = try ingestor.ingest(path: path) { bar.update($0) }
                bar.finish()
                printError(Self.describe(summary))
                total.lines += summary.lines
                total.records += summary.records
                total.rejected += summary.rejected
            } catch {
                bar.finish()
                failures += 1
                printError("error: \(error)")
            }
        }
        checkpoints?.stop()
        let seconds = Date().timeIntervalSince(started)
        printError(
            "ingested \(total.records) records from \(total.lines) lines (\(total.rejected) rejected) in \(files.count - failures) of \(files.count) files, "
                + String(format: "%.1f s, %.0f lines/s", seconds, Double(total.lines) / max(seconds, 1e-9))
                + " into \(database.path)"
        )
        if let retention {
            RetentionService(retention: retention, logger: Self.logger()).applyOnce()
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private static func follow(_ paths: LogPaths, with ingestor: Ingestor, routes: RouteFileWatch?, every interval: Double, retention: RawRetention?) async throws {
        let logger = logger()
        var services: [any Service] = [
            FollowService(ingestor: ingestor, paths: paths, routes: routes, pollInterval: .milliseconds(Int64(interval * 1000)), logger: logger)
        ]
        if let retention { services.append(RetentionService(retention: retention, logger: logger)) }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        let checkpoints = ingestor.database.startBackgroundCheckpoints()
        defer { checkpoints?.stop() }
        try await group.run()
    }

    private static func logger() -> Logger {
        var logger = Logger(label: "routelens") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .info
        return logger
    }

    /// A missing plain path is still attempted, so its error is reported; a directory or glob that
    /// names nothing simply contributes no file.
    private static func isDirectoryOrGlob(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.contains(where: { "*?[".contains($0) }) || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    static func describe(_ summary: IngestSummary) -> String {
        var text = "\(summary.path): \(summary.records) records, \(summary.rejected) rejected, \(summary.lines) lines"
        text += " (format \(summary.format)\(summary.formatDetected ? ", detected" : ""))"
        if summary.alreadyIngestedLines > 0 {
            text += "; \(summary.alreadyIngestedLines) lines were already ingested"
        }
        for warning in summary.warnings { text += "\n  warning: \(warning)" }
        return text
    }
}

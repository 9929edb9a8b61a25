import ArgumentParser
import ClickHouse
import Follow
import Foundation
import Ingest
import Logging
import RouteLensApp
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

    @OptionGroup var reading: ReadingOptions

    @Flag(help: "Keep running: read appended lines and new or rotated files until SIGTERM or SIGINT.")
    var follow = false

    @OptionGroup var clickhouse: ClickHouseOptions

    @Option(help: ArgumentHelp("With --clickhouse: the node the requests are shipped as. Default: this host's name.", valueName: "name"))
    var node: String?

    @Argument(help: ArgumentHelp("Log files (plain or gzip), directories, or quoted globs.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one log file, directory or glob to ingest") }
    }

    /// The configuration these flags describe.
    func configuration() throws -> IngestConfiguration {
        var configuration = try reading.configuration(database: database.path, format: formatOptions, paths: paths, follow: follow)
        configuration.retentionHolds = try clickhouse.retentionHolds(node: node)
        return configuration
    }

    mutating func run() async throws {
        let signals = follow ? StartupSignals() : nil
        let application = try IngestApplication.starting(configuration())
        for warning in application.routeWarnings { printError("warning: \(warning)") }
        if let signals {
            if signals.handOver() {
                printError("stopped by a signal while starting; nothing was read")
                return
            }
            let shippers = try clickhouse.shippers(database: application.database, node: node)
            try await application.run(logger: .routelens, alongside: shippers)
            return
        }
        let started = Date()
        var bar: ProgressBar?
        let totals = application.ingestFiles(
            progress: { path, progress in
                if bar == nil { bar = ProgressBar(label: (path as NSString).lastPathComponent, enabled: standardErrorIsTerminal) }
                bar?.update(progress)
            },
            finished: { outcome in
                bar?.finish()
                bar = nil
                switch outcome {
                case .read(let summary):
                    printError(Self.describe(summary))
                    if let failure = summary.failure { printError("error: \(failure.description)") }
                case .skipped(let error):
                    printError("skipped \(error.path): not an access log (\(error.description))")
                case .failed(let error):
                    printError("error: \(error.description)")
                }
            }
        )
        for path in application.pathsNamingNothing {
            printError("warning: \(path) names no file (an empty directory, or a glob that matches nothing)")
        }
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        printError(
            "ingested \(totals.records) records from \(totals.lines) lines (\(totals.rejected) rejected) in \(totals.files - totals.failedFiles - totals.skippedFiles) of \(totals.files) files"
                + (totals.skippedFiles > 0 ? " (\(totals.skippedFiles) skipped: not access logs)" : "") + ", "
                + String(format: "%.1f s, %.0f lines/s", seconds, Double(totals.lines) / seconds)
                + " into \(application.database.path)"
        )
        if let retention = application.retention {
            RetentionService(retention: retention, logger: .routelens).applyOnce()
        }
        for var shipper in try clickhouse.shippers(database: application.database, node: node) {
            // A one-shot ingest ships what it committed once, after ingesting, as a backfill does; a failure leaves
            // it for the next ingest or backfill.
            shipper.insertsInFlight = ClickHouseShipper.backfillInsertsInFlight
            do { printError("shipped \(try await shipper.shipPending()) requests to \(shipper.client.endpoint.destination)") } catch {
                printError("error: \(error.description); the requests are in SQLite, ship them later with routelens clickhouse backfill")
            }
        }
        if totals.failedFiles > 0 { throw ExitCode(1) }
        if totals.files == totals.skippedFiles {
            printError("error: nothing to ingest: \(paths.joined(separator: " ")) holds no access log")
            throw ExitCode(1)
        }
    }

    static func describe(_ summary: IngestSummary) -> String {
        var text = "\(summary.path): \(summary.records) records, \(summary.rejected) rejected, "
            + (summary.blank > 0 ? "\(summary.blank) blank, " : "") + "\(summary.lines) lines"
        text += " (format \(summary.format)\(summary.formatDetected ? ", detected" : ""))"
        if summary.alreadyIngestedLines > 0 {
            text += "; \(summary.alreadyIngestedLines) lines were already ingested"
        }
        for warning in summary.warnings { text += "\n  warning: \(warning)" }
        return text
    }
}

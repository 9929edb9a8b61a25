import ArgumentParser
import Foundation
import Ingest
import Routing
import Storage

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read access logs into the database, each request exactly once.",
        discussion: """
            Files may be plain or gzip (several members included). A file is known by its first KiB of content, so ingesting it again, or after it was renamed or compressed by logrotate, adds only lines not read before. Lines that are not records of the format are counted and kept with their file, line and reason (see the rejected_line table).

            With --routes, each request is attributed to a configured route (by its logged route name, else by matching method, host, path and headers, else '(unmatched)') and to a weighted target (from its upstream cluster). Without it, requests are grouped by logged route name or upstream cluster.

            Example: routelens ingest --db gateway.sqlite --routes routes/ /var/log/envoy/access.log*
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var formatOptions: FormatOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "App Mesh route definitions: a JSON file or a directory of them (repeatable).",
            discussion: "Accepts the inline gatewayRouteSpec/routeSpec form and the output of aws appmesh describe-gateway-route and describe-route.",
            valueName: "file|dir"
        )
    )
    var routes: [String] = []

    @Argument(help: "Log files to read, plain or gzip.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one log file to ingest") }
    }

    mutating func run() throws {
        let choice = try formatOptions.choice()
        let table = try RouteFiles.load(routes)
        let database = try database.open()
        if let table {
            try database.replaceRouteWeights(table.routes.flatMap { route in
                route.targets.map { RouteWeight(route: route.name, target: $0.name, weight: $0.weight) }
            })
        }
        let ingestor = Ingestor(database: database, options: IngestOptions(format: choice, attributor: RequestAttributor(routes: table)))
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
        let seconds = Date().timeIntervalSince(started)
        printError(
            "ingested \(total.records) records from \(total.lines) lines (\(total.rejected) rejected) in \(files.count - failures) of \(files.count) files, "
                + String(format: "%.1f s, %.0f lines/s", seconds, Double(total.lines) / max(seconds, 1e-9))
                + " into \(database.path)"
        )
        if failures > 0 { throw ExitCode(1) }
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

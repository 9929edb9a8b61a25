import ArgumentParser
import ClickHouse
import Foundation
import Rendering
import Reports

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "When did it start and end, and what failed? Per route, minute by minute, against its own baseline.",
        discussion: """
            Per route and minute: requests, 5xx and their rate, p50/p99, response flags, 5xx codes and the upstream hosts that failed; the onset (first bad minute) and recovery (first good minute after), the same window a day and a week earlier, and sample request ids per failure class (503 UF,URX, 504 UT …) to hand to tracing.

            A minute is bad when it has at least 5 5xx, a 5xx rate of at least max(5 × baseline, baseline + 5 points), and 4 standard deviations above the baseline; the baseline is the route's 5xx rate over the 24 hours before the window (or, with under 1,000 requests there, the window's median minute). Onset needs two bad minutes in a row; recovery two good ones.

            Without --from and --to: the 3 hours up to the newest request in the database. Times widen to whole minutes.

            With --clickhouse URL: the whole fleet's incident, from every node that ships there (--node: one of them).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var fleet: FleetQuery

    @Option(help: ArgumentHelp("Only this route.", valueName: "name"))
    var route: String?

    @Option(help: ArgumentHelp("Start of the window (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("End of the window (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("table, json or csv.", valueName: "format"))
    var output: OutputFormat = .table

    /// The window when none is given.
    static let defaultSpan: Int64 = 3 * 3_600_000

    func run() throws {
        let fleetReporter = try fleet.reporter
        let reporter = fleetReporter == nil ? Reporter(database: try database.openForReading()) : nil
        let newestRequest: Int64?
        if let fleetReporter {
            newestRequest = try FleetQuery.wait { try await fleetReporter.newestRequestTime() }
        } else {
            newestRequest = try reporter?.newestRequestTime()
        }
        guard let newest = newestRequest ?? (from == nil && to == nil ? nil : 0) else {
            let source = fleetReporter == nil ? database.path : "ClickHouse (\(fleet.clickhouse.url ?? ""))"
            printError("no requests in \(source) yet, so there is no window to look at; ingest logs first, or give --from and --to")
            throw ExitCode(1)
        }
        var to = try to.map { try TimeOption.milliseconds($0, option: "--to") }
        let from = try from.map { try TimeOption.milliseconds($0, option: "--from") } ?? ((to ?? newest + 60_000) - Self.defaultSpan)
        if to == nil { to = max(from + 60_000, newest + 60_000) }
        guard let to, from < to else { throw ValidationError("--from must be before --to") }
        let route = route
        if let fleetReporter {
            print(try FleetQuery.wait { try await fleetReporter.incident(route: route, from: from, to: to) }.rendered(as: output))
        } else if let reporter {
            print(try reporter.incident(route: route, from: from, to: to).rendered(as: output))
        }
    }
}

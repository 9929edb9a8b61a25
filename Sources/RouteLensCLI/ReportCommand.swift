import ArgumentParser
import DailyReport
import Foundation
import Rendering
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports to keep or send: the daily rollout report.",
        subcommands: [Daily.self]
    )

    struct Daily: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One day's rollouts: split accuracy per weight segment, drift, canary judgement, per-target figures.",
            discussion: """
                For each route with two or more weighted targets, per constant-weight segment of the day (UTC): configured against observed share per target with Wilson 95% intervals, the sample-ratio-mismatch test and its verdict, Cohen's w; when the split drifted (per 5 minutes, per hour on quiet routes; Holm-adjusted, significant at --alpha and at least --tolerance-pp off); what the logs say about why (response flags per target, requests with no target). Each non-baseline target is judged against the baseline (the largest weight, or --baseline): error-rate difference (two-proportion z test), p50 and p99 ratios and a Mann-Whitney U test on the latency distributions; verdict pass, marginal or fail with its reasons. Per target: requests, error rate, p50/p90/p99, top failure classes, and the day before. Routes without weights get one line each.

                HTML is one self-contained file (inline CSS and SVG, no scripts, nothing from the network); md fits a chat message or a pull-request comment; json carries every number.

                Examples:
                  routelens report daily --day 2026-11-20 --output html --out rollout-2026-11-20.html
                  routelens report daily --day 2026-11-20 --route checkout --output md
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The UTC day, YYYY-MM-DD.", valueName: "day"))
        var day: String

        @Option(help: ArgumentHelp("Only this route.", valueName: "name"))
        var route: String?

        @Option(help: ArgumentHelp("The target canaries are judged against; default: each route's largest weight.", valueName: "target"))
        var baseline: String?

        @Option(help: ArgumentHelp("html, md or json.", valueName: "format"))
        var output: DocumentFormat = .md

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Option(parsing: .unconditional, help: "Significance level of the split and drift tests.")
        var alpha = 0.001

        @Option(name: .customLong("tolerance-pp"), parsing: .unconditional, help: "Smallest deviation, in percentage points, that counts as drift.")
        var tolerancePP = 1.0

        func validate() throws {
            guard Reporter.startOfDay(day) != nil else { throw ValidationError("--day \(day) is not a date such as 2026-11-20 (a UTC day)") }
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1") }
            guard tolerancePP >= 0 else { throw ValidationError("--tolerance-pp must not be negative") }
        }

        func run() throws {
            let reporter = try Reporter(database: database.openForReading())
            if let route, let known = try reporter.knownRoutes(ifUnknownIn: .init(route: route)) {
                throw CommandFailure("no route named \(route) in the database; its routes: \(known.joined(separator: ", "))")
            }
            let report: DailyReport
            do {
                report = try reporter.dailyReport(day: day, route: route, baseline: baseline, alpha: alpha, tolerancePP: tolerancePP)
            } catch {
                throw CommandFailure(error.description)
            }
            let text: String =
                switch output {
                case .html: HTMLRenderer.render(report)
                case .md: MarkdownRenderer.render(report)
                case .json: try ReportJSON.string(report)
                }
            if let out {
                do {
                    try text.write(toFile: out, atomically: true, encoding: .utf8)
                } catch {
                    throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
                }
                printError("wrote the report of \(day) to \(out)")
            } else {
                print(text)
            }
            if report.routes.isEmpty, report.unweightedRoutes.isEmpty {
                printError(try reporter.explanationOfEmptyAnswer(for: .init(from: Reporter.startOfDay(day), to: Reporter.startOfDay(day).map { $0 + 86_400_000 })))
            }
        }
    }

    /// The forms of a document report.
    enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
        case html, md, json
    }
}

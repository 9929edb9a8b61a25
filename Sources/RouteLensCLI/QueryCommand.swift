import ArgumentParser
import ClickHouse
import Foundation
import Rendering
import Reports
import Storage

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer from the database: error rates, latency percentiles, weighted-split accuracy.",
        discussion: """
            With no --from, --to or --since, a query covers everything in the database.
            Every answer says how it was computed: "method": "exact" (raw rows, nearest-rank percentiles) for windows of up to 20,000 raw rows that retention has not touched, or with --exact; "histogram" otherwise: rollups at the coarsest resolution that fits the window (1d, 1h, 1m), raw rows for the parts of minutes at its edges. Counts and split tests are exact either way; percentiles from histograms are within 0.4%.
            Examples:
              routelens query errors --since 1h
              routelens query latency --route orders-canary --by-target
              routelens query latency --by-operation --since 1d
              routelens query errors --health-checks
              routelens query split --output json
              routelens query errors --by flag --since 1d
              routelens query ratelimit --since 1h
              routelens query routes
              routelens query list
              routelens query run top-failing-paths --param limit=10
            """,
        subcommands: [Errors.self, Latency.self, Split.self, RateLimitCommand.self, RoutesSummaryCommand.self, List.self, Run.self]
    )

    struct Errors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requests, 5xx and 4xx responses and the 5xx rate, by route.",
            discussion: "error_rate = 5xx / requests. TCP records are left out: they have no HTTP status. The caption says how many health checks and Istio server-side lines the report left out (--health-checks, --side)."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var fleet: FleetQuery

        @Option(help: ArgumentHelp(
            "The error taxonomy instead: by response flag (with its long name), status code, upstream host or response code details, each with 5xx split into Envoy-generated (local) and upstream. Status and host come from raw rows.",
            valueName: "flag|status|upstream-host|details"
        ))
        var by: ErrorTaxonomyReport.Dimension?

        func validate() throws {
            if by != nil, scope.byTarget || scope.byOperation { throw ValidationError("--by groups by route and its own value; leave out --by-target and --by-operation") }
        }

        func run() throws {
            if let fleetReporter = try fleet.reporter {
                let scope = try scope.scope()
                print(try FleetQuery.wait { try await fleetReporter.errors(scope) }.rendered(as: self.scope.output))
                return
            }
            let reporter = try Reporter(database: database.openForReading())
            let checked = try scope.checkedScope(with: reporter)
            if let by {
                print(try reporter.errors(checked, by: by).rendered(as: scope.output))
                return
            }
            let report = try reporter.errors(checked)
            print(try report.rendered(as: scope.output))
            if report.routes.isEmpty { printError(try reporter.explanationOfEmptyAnswer(for: checked)) }
        }
    }

    struct Latency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nearest-rank percentiles of %DURATION% (ms), by route.",
            discussion: "The p-th percentile of n durations is the value at position ceil(p·n/100) of the sorted durations: with method exact an observed value, never an interpolation; with method histogram (large windows, rollups) within 0.4% of it. --exact reads raw rows whatever the window."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var fleet: FleetQuery

        func run() throws {
            if let fleetReporter = try fleet.reporter {
                let scope = try scope.scope()
                print(try FleetQuery.wait { try await fleetReporter.latency(scope) }.rendered(as: self.scope.output))
                return
            }
            let reporter = try Reporter(database: database.openForReading())
            let scope = try scope.checkedScope(with: reporter)
            let report = try reporter.latency(scope)
            print(try report.rendered(as: self.scope.output))
            if report.routes.isEmpty { printError(try reporter.explanationOfEmptyAnswer(for: scope)) }
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Did each weighted route split traffic as configured? (sample-ratio-mismatch test)",
            discussion: """
                For every route with two or more weighted targets (from the --routes given at ingest, or recorded with routes import): Pearson's chi-squared goodness of fit of the requests per target against the configured weights (df = k-1), and a Wilson 95% interval per target.

                Weights change during a rollout, so each route is tested per constant-weight segment: the requests that started from the time its weights took effect (from) until the next change (to), against those weights. '-' (absent in JSON) means since the beginning or still in force. Rollups never span a change of weights; a minute whose raw rows --retain-raw deleted counts in the segment in force at the minute's start.

                Verdict: mismatch when p < --alpha and the largest deviation is at least --tolerance-pp percentage points; insufficient-data when any expected count is under 5; untestable when the weights give no expected share (they sum to 0: Gateway API then answers 500 for the rule), with the reason; ok otherwise. Requests with no target (no upstream reached, or a host no target claims) are left out, and the caption and the JSON (no_target) say how many and why.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var scope: ScopeOptions
        @OptionGroup var fleet: FleetQuery

        @Option(parsing: .unconditional, help: "Significance level of the test.")
        var alpha = 0.001

        @Option(name: .customLong("tolerance-pp"), parsing: .unconditional, help: "Smallest deviation, in percentage points, that counts as a mismatch.")
        var tolerancePP = 1.0

        func validate() throws {
            guard !scope.byTarget, !scope.byOperation else {
                throw ValidationError("split already reports every target of a route; --by-target and --by-operation do not apply")
            }
            guard !scope.healthChecks else { throw ValidationError("health checks are not weighted traffic; --health-checks does not apply to split") }
            guard scope.side != .both else {
                throw ValidationError("--side both counts each Istio request twice, which would double the test statistic; use outbound or inbound")
            }
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1") }
            guard tolerancePP >= 0 else { throw ValidationError("--tolerance-pp must not be negative") }
        }

        func run() throws {
            if let fleetReporter = try fleet.reporter {
                // The route weights come from the local database (--db): see ClickHouseReporter.split.
                let (scope, history, alpha, tolerancePP) = (try scope.scope(), try database.openForReading().routeWeightHistory(), alpha, tolerancePP)
                print(try FleetQuery.wait { try await fleetReporter.split(scope, history: history, alpha: alpha, tolerancePP: tolerancePP) }.rendered(as: self.scope.output))
                return
            }
            let reporter = try Reporter(database: database.openForReading())
            let report = try reporter.split(scope.checkedScope(with: reporter), alpha: alpha, tolerancePP: tolerancePP)
            print(try report.rendered(as: scope.output))
        }
    }
}

extension ErrorTaxonomyReport.Dimension: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import Platform
import Rendering
import Reports

/// Which requests a query covers and how its answer is printed.
struct ScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only requests that started at or after this time (RFC 3339, e.g. 2026-11-26T10:00:00Z).", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("Only requests that started before this time (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Only requests of the last DURATION before now: 90s, 15m, 1h, 7d, 2w.", valueName: "duration"))
    var since: String?

    @Option(help: ArgumentHelp("Only this route.", valueName: "name"))
    var route: String?

    @Flag(help: "Group by route and target (virtual node, cluster) instead of route alone.")
    var byTarget = false

    @Flag(help: "Group by route and OpenAPI operation (GET /orders/{id}) as matched at ingest with --openapi; requests no operation matched show as (no operation).")
    var byOperation = false

    @Flag(help: "Report health checks (User-Agent Envoy/HC, kube-probe/, ELB-HealthChecker/, GoogleHC/ …), which are otherwise left out.")
    var healthChecks = false

    @Option(help: ArgumentHelp(
        "Istio logs each request on both sidecars. outbound: the client side's lines, which name the subset (and every line of other proxies); inbound: the server side's inbound|… lines only; both: each Istio request twice.",
        valueName: "side"
    ))
    var side: ReportScope.Side = .outbound

    @Flag(help: "Read raw rows only, for exact nearest-rank percentiles over any window (slower). Without it, a window longer than an hour or older than the raw rows is answered from rollups: counts exact, percentiles within 0.4%.")
    var exact = false

    @Option(help: ArgumentHelp("table (aligned for a terminal), json (stable, for scripts), csv or ndjson (one object per row).", valueName: "format"))
    var output: OutputFormat = .table

    func validate() throws {
        if since != nil, from != nil {
            throw ValidationError("give --since or --from, not both")
        }
        if let from, let to, try TimeOption.milliseconds(from, option: "--from") >= TimeOption.milliseconds(to, option: "--to") {
            throw ValidationError("--from \(from) is not before --to \(to); the window would hold nothing")
        }
        // Every time and duration is range-checked here, so that a bad one prints this command's usage.
        _ = try scope()
    }

    /// The scope; with no window given, everything in the database.
    func scope(now: Int64 = SystemWallClock().now) throws -> ReportScope {
        var scope = ReportScope(
            from: try from.map { try TimeOption.milliseconds($0, option: "--from") }, to: try to.map { try TimeOption.milliseconds($0, option: "--to") },
            route: route, byTarget: byTarget, byOperation: byOperation, healthChecks: healthChecks, side: side, exact: exact
        )
        if let since {
            scope.from = now - (try Self.milliseconds(since))
        }
        return scope
    }

    private static func milliseconds(_ duration: String) throws -> Int64 {
        try DurationOption.milliseconds(duration, option: "--since", allowingZero: false)
    }
}

/// Durations on the command line: a whole number and a unit, `90s`, `15m`, `1h`, `7d`, `2w` (see ``DurationText``).
enum DurationOption {
    static func milliseconds(_ text: String, option: String, allowingZero: Bool) throws -> Int64 {
        if allowingZero, text == "0" { return 0 }
        do {
            return try DurationText.milliseconds(text)
        } catch .notADuration {
            throw ValidationError("\(option) \(text) is not a duration such as 90s, 15m, 1h, 7d or 2w\(allowingZero ? " (or 0)" : "")")
        } catch {
            throw ValidationError("\(option) \(text) is longer than 100 years; give a shorter duration such as 30d")
        }
    }
}

extension ReportScope.Side: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}

extension ScopeOptions {
    /// The scope, refused when it names a route the database has never seen (a typo would otherwise answer with an
    /// empty report).
    func checkedScope(with reporter: Reporter) throws -> ReportScope {
        let scope = try scope()
        if let known = try reporter.knownRoutes(ifUnknownIn: scope) {
            throw CommandFailure(
                "no route named \(scope.route ?? "") in the database; "
                    + (known.isEmpty ? "it holds no requests yet" : "its routes: \(known.joined(separator: ", "))")
            )
        }
        return scope
    }
}

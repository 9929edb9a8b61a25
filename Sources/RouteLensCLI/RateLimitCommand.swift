import ArgumentParser
import Rendering
import ClickHouse
import Reports

/// `routelens query ratelimit`.
struct RateLimitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratelimit",
        abstract: "Who is being throttled: per route, requests answered 429 or flagged RL/RLSE, and the top clients.",
        discussion: "A client is the first X-Forwarded-For address ((unknown) without one). Read from raw rows: requests older than --retain-raw are not counted. With --clickhouse URL: the whole fleet's throttling (--node: one node's)."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var fleet: FleetQuery

    func run() throws {
        if let fleetReporter = try fleet.reporter {
            let scope = try scope.scope()
            print(try FleetQuery.wait { try await fleetReporter.rateLimits(scope) }.rendered(as: self.scope.output))
            return
        }
        print(try Reporter(database: database.openForReading()).rateLimits(scope.scope()).rendered(as: scope.output))
    }
}

/// `routelens query routes`.
struct RoutesSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "What the database knows: routes, targets, request counts and the minutes they span.",
        discussion: "Use it when an answer is empty: a route name misspelt, a window outside the data, or traffic counted as health checks or TCP."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("table, json, csv or ndjson.", valueName: "format"))
    var output: OutputFormat = .table

    func run() throws {
        print(try Reporter(database: database.openForReading()).routeSummary().rendered(as: output))
    }
}

import ArgumentParser
import Foundation
import Platform
import Rendering
import Reports

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "List raw requests, newest first, with their route and target.",
        discussion: """
            Examples:
              routelens requests --route payments --status 5xx --since 1h
              routelens requests --flag UF --host 10.1.4.11:8080 --output ndjson
              routelens requests --request-id 6f1c3c2e-5a0b-4e7e-9a55-0d2f2f0b1c9a
            Only raw rows are listed: requests older than --retain-raw were deleted (their counts live on in rollups).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only this route.", valueName: "name")) var route: String?
    @Option(help: ArgumentHelp("Only this target.", valueName: "name")) var target: String?
    @Option(help: ArgumentHelp("A status class (5xx, 4xx …) or code (503).", valueName: "status")) var status: String?
    @Option(help: ArgumentHelp("Only requests with this response flag (UF, UH, URX …).", valueName: "flag")) var flag: String?
    @Option(help: ArgumentHelp("Only requests to this upstream host (10.1.4.11:8080).", valueName: "host")) var host: String?
    @Option(name: .customLong("path-prefix"), help: ArgumentHelp("Only paths starting with this.", valueName: "prefix")) var pathPrefix: String?
    @Option(name: .customLong("min-duration-ms"), help: ArgumentHelp("Only requests that took at least this long.", valueName: "ms"))
    var minimumDurationMs: Int64?
    @Option(name: .customLong("request-id"), help: ArgumentHelp("Only the request with this x-request-id.", valueName: "id")) var requestID: String?
    @Option(help: ArgumentHelp("Only requests that started at or after this time (RFC 3339).", valueName: "time")) var from: String?
    @Option(help: ArgumentHelp("Only requests that started before this time (RFC 3339).", valueName: "time")) var to: String?
    @Option(help: ArgumentHelp("Only requests of the last DURATION before now: 90s, 15m, 1h, 7d.", valueName: "duration")) var since: String?
    @Option(help: ArgumentHelp("At most this many requests.", valueName: "n")) var limit = 100
    @Option(help: ArgumentHelp("table, ndjson, csv or json.", valueName: "format")) var output: OutputFormat = .table

    func validate() throws {
        if since != nil, from != nil { throw ValidationError("give --since or --from, not both") }
        if let status, RequestListing.Filter.statusRange(status) == nil {
            throw ValidationError("--status \(status) is not a status class such as 5xx or a code such as 503")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        if let minimumDurationMs, minimumDurationMs < 0 { throw ValidationError("--min-duration-ms must not be negative") }
    }

    func run() throws {
        var from = try from.map { try TimeOption.milliseconds($0, option: "--from") }
        if let since { from = SystemWallClock().now - (try DurationOption.milliseconds(since, option: "--since", allowingZero: false)) }
        let filter = RequestListing.Filter(
            from: from, to: try to.map { try TimeOption.milliseconds($0, option: "--to") }, route: route, target: target,
            status: status.flatMap(RequestListing.Filter.statusRange), flag: flag, host: host, pathPrefix: pathPrefix,
            minimumDurationMs: minimumDurationMs, requestID: requestID, limit: limit
        )
        print(try Reporter(database: database.openForReading()).requests(filter).rendered(as: output))
    }
}

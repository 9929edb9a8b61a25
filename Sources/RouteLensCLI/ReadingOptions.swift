import ArgumentParser
import RouteLensApp

/// How logs are attributed and kept, shared by `ingest` and `serve --follow`: route and OpenAPI files, the poll
/// interval and raw retention.
struct ReadingOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Route configuration: a JSON or YAML file, or a directory of them (repeatable).",
            discussion: "Gateway API HTTPRoute/GRPCRoute, Istio VirtualService and DestinationRule, App Mesh JSON (describe-gateway-route, describe-route, describe-virtual-node) and Kubernetes CRDs, RouteLens routes files, EndpointSlice/Pod/Service dumps as host maps; kinds are detected per document. Check them first with `routelens routes check`.",
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

    @Option(parsing: .unconditional, help: ArgumentHelp("When following, seconds between polls of the paths.", valueName: "seconds"))
    var pollInterval = 0.5

    @Option(
        name: .customLong("retain-raw"),
        help: ArgumentHelp(
            "Keep raw request rows this long before the newest request stored: 14d, 36h, 2w; 0 keeps them forever. Default: 14d when following, forever otherwise.",
            discussion: "Older rows are rolled up per minute, route and target (requests, 5xx, 4xx, a latency histogram) and deleted, a minute at a time. Reports over rolled-up minutes keep exact counts and splits; their percentiles become approximate (marked so).",
            valueName: "duration"
        )
    )
    var retainRaw: String?

    func validate() throws {
        guard pollInterval > 0, pollInterval <= 3600 else { throw ValidationError("--poll-interval must be more than 0 and at most 3600 seconds") }
        if let retainRaw { _ = try DurationOption.milliseconds(retainRaw, option: "--retain-raw", allowingZero: true) }
    }

    /// The ingest configuration of these options with the command's database, format, paths and whether it follows.
    func configuration(database: String, format: FormatOptions, paths: [String], follow: Bool) throws -> IngestConfiguration {
        var configuration = IngestConfiguration()
        configuration.databasePath = database
        configuration.format = try format.choice()
        configuration.routeFiles = routes
        configuration.openAPIFiles = openapi
        configuration.paths = paths
        configuration.follow = follow
        configuration.pollInterval = .milliseconds(Int64(pollInterval * 1000))
        let retention = try DurationOption.milliseconds(retainRaw ?? (follow ? "14d" : "0"), option: "--retain-raw", allowingZero: true)
        configuration.rawRetention = retention > 0 ? retention : nil
        return configuration
    }
}

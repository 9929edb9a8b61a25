import ArgumentParser

@main
struct RouteLens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routelens",
        abstract: "What did our gateway actually do? Error rates, latency percentiles and weighted-split accuracy from Envoy access logs.",
        discussion: """
            Typical session:
              routelens ingest --routes routes.json /var/log/envoy/
              routelens ingest --follow --routes routes.json /var/log/envoy/ &
              routelens query errors
              routelens query latency --since 1h
              routelens query split --output json

            Formats: Envoy's default text format, Istio's (1.3 to today), any Envoy format string (--format-string), and JSON lines in string or typed flavour (Istio, Envoy Gateway, App Mesh).
            """,
        subcommands: [
            ParseCommand.self, IngestCommand.self, StatusCommand.self, QueryCommand.self, IncidentCommand.self, RequestsCommand.self,
            ReportCommand.self, RoutesCommand.self, ServeCommand.self, ClickHouseCommand.self,
        ]
    )
}

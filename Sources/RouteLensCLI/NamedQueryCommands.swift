import ArgumentParser
import Queries
import Rendering
import Reports

extension QueryCommand {
    /// Where `--queries` directories are given.
    struct QueryDirectories: ParsableArguments {
        @Option(
            name: .customLong("queries"),
            help: ArgumentHelp("A directory of your own commented .sql queries, beside the shipped ones (repeatable).", valueName: "dir")
        )
        var directories: [String] = []
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the named queries query run can run, with their parameters.",
            discussion: """
                RouteLens ships queries in its queries/named/ directory; --queries DIR adds your own. A query is a .sql file whose first comment lines describe it and declare its parameters:
                  -- Paths with the most 5xx responses.
                  -- param from: time = null -- only requests that started at or after this time
                  -- param limit: integer = 20 -- how many paths
                Types: time (RFC 3339 or unix ms), duration (15m, 1h), integer, number, text. Write SQL against request_view (one row per request, every label spelled out) and the tables queries/SCHEMA.md describes.
                """
        )

        @OptionGroup var queries: QueryDirectories

        func run() throws {
            let all: [UserQuery]
            do {
                all = try UserQuery.all(addingFrom: queries.directories)
            } catch {
                throw CommandFailure(error.description)
            }
            for query in all {
                print("\(query.name)\n  \(query.summary)")
                for parameter in query.parameters {
                    print("  --param \(parameter.name)=<\(parameter.kind.rawValue)>\(parameter.defaultValue.map { " (default \($0))" } ?? "")  \(parameter.help)")
                }
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a named query (see query list) with its parameters.",
            discussion: """
                Examples:
                  routelens query run top-failing-paths --param from=2026-11-26T10:00:00Z --param limit=10
                  routelens query run slowest-requests --param route=checkout --output json
                  routelens query run my-report --queries ./my-queries
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var queries: QueryDirectories

        @Argument(help: ArgumentHelp("The query's name (routelens query list).", valueName: "name"))
        var name: String

        @Option(name: .customLong("param"), help: ArgumentHelp("A parameter's value, NAME=VALUE (repeatable).", valueName: "name=value"))
        var parameters: [String] = []

        @Option(help: ArgumentHelp("table, json, csv or ndjson.", valueName: "format"))
        var output: OutputFormat = .table

        func validate() throws {
            for parameter in parameters where !parameter.contains("=") {
                throw ValidationError(UserQueryError.malformedArgument(parameter).description)
            }
        }

        func run() throws {
            var values: [String: String] = [:]
            for parameter in parameters {
                let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            let reporter = try Reporter(database: database.openForReading())
            let result: QueryResult
            do {
                result = try reporter.run(UserQuery.named(name, addingFrom: queries.directories), values: values)
            } catch {
                throw CommandFailure(error.description)
            }
            print(try result.rendered(as: output))
        }
    }
}

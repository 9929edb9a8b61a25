import AccessLog
import ArgumentParser
import Foundation
import Ingest
import Platform
import Rendering
import Routing
import Storage

struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Work with route definitions.",
        subcommands: [Check.self, Import.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate route files and print the resolved route table, in matching order.",
            discussion: "Errors name the file, the YAML document and the path of the problem. Example: routelens routes check routes/"
        )

        @Argument(help: "Route files or directories of .json, .yaml and .yml files.")
        var paths: [String]

        func run() throws {
            guard let table = try validated({ () throws(ConfigurationError) in try RouteFiles.load(paths) }) else { return }
            var text = ReportTable(columns: [.init("route"), .init("priority", numeric: true), .init("match"), .init("targets")])
            for route in table.routes {
                let total = max(route.targets.map(\.weight).reduce(0, +), 1)
                let targets = route.targets.map { "\($0.name) \($0.weight) (\(100 * $0.weight / total)%)" }.joined(separator: ", ")
                text.rows.append(ReportTable.Row([.text(route.name), .text(route.priority.map(String.init) ?? "-"), .text(route.matchSummary), .text(targets)]))
            }
            print(text.aligned)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the weights of route files as the version in force from a time, for the split report.",
            discussion: """
                Reads route files as ingest --routes does and records every route's targets and weights as the version in force from --effective (default: now) until the next recorded version. query split then tests each route per constant-weight segment. Weights identical to those in force at that time record nothing. Versions may be imported in any order: one with an earlier --effective is in force until the next recorded version.

                Requests keep the route and target they were attributed at ingest; only the weights they are tested against change.

                Example, a canary moved from 10% to 50% at 14:30 UTC:
                  routelens routes import routes/ --effective 2026-11-26T14:30:00Z
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("When the weights took effect (RFC 3339, e.g. 2026-11-26T14:30:00Z). Default: now.", valueName: "time"))
        var effective: String?

        @Argument(help: "Route files or directories of .json, .yaml and .yml files.")
        var paths: [String]

        func validate() throws {
            if let effective { _ = try TimeOption.milliseconds(effective, option: "--effective") }
        }

        func run() throws {
            let effectiveAt = try effective.map { try TimeOption.milliseconds($0, option: "--effective") } ?? SystemWallClock().now
            let table = try validated({ () throws(ConfigurationError) in try RouteFiles.table(paths) })
            let database = try database.open()
            let since = TimestampFormatter.rfc3339(millisecondsSinceEpoch: effectiveAt)
            if try database.recordRouteWeights(of: table, effectiveAt: effectiveAt) {
                let weighted = table.routes.filter { $0.targets.count >= 2 }.count
                print("recorded the weights of \(table.routes.count) routes (\(weighted) with two or more targets) in force from \(since) in \(database.path)")
            } else {
                print("nothing recorded: these weights are already in force at \(since) in \(database.path)")
            }
        }
    }
}

extension Route {
    /// The route's alternatives in one line; alternatives that differ only in their host are shown once, with
    /// the hosts joined by `|`: `prefix /orders, host shop.example.com|api.example.com or path /health`.
    var matchSummary: String {
        var groups: [(conditions: [String], hosts: [String])] = []
        for match in matches {
            let conditions = match.conditions
            let host = match.hostCondition
            if let index = groups.firstIndex(where: { $0.conditions == conditions }) {
                groups[index].hosts += host.map { [$0] } ?? []
            } else {
                groups.append((conditions, host.map { [$0] } ?? []))
            }
        }
        return groups.map { group in
            let parts = group.conditions + (group.hosts.isEmpty ? [] : ["host \(group.hosts.joined(separator: "|"))"])
            return parts.isEmpty ? "any request" : parts.joined(separator: ", ")
        }.joined(separator: " or ")
    }
}

extension RequestMatch {
    /// The host condition, such as `shop.example.com` or `*.example.com`.
    fileprivate var hostCondition: String? {
        switch hostname {
        case .exact(let host): host
        case .suffix(let suffix): "*\(suffix)"
        case nil: nil
        }
    }

    /// The conditions other than the host, such as `prefix /orders` and `method GET`.
    fileprivate var conditions: [String] {
        var parts: [String] = []
        if let prefix { parts.append("prefix \(prefix)") }
        switch path {
        case .exact(let exact): parts.append("path \(exact)")
        case .segmentPrefix(let prefix): parts.append("path prefix \(prefix)")
        case .regex(let regex): parts.append("path ~ \(regex)")
        case nil: break
        }
        if let method { parts.append("method \(method)") }
        if !headers.isEmpty { parts.append("\(headers.count) header condition\(headers.count == 1 ? "" : "s")") }
        if !queryParameters.isEmpty { parts.append("\(queryParameters.count) query condition\(queryParameters.count == 1 ? "" : "s")") }
        return parts
    }
}

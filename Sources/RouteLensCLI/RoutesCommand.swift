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
            discussion: """
                Routes are listed in the order attribution tries them (App Mesh by priority, then how specific the path is; \
                Gateway API by its precedence rules; Istio and RouteLens files in definition order). The attribution column says \
                how log lines name each target: upstream clusters, hosts from a host map, or being the only target.
                Every file is checked: errors name the file, the YAML document and the path of the problem; warnings say what \
                was left out or guessed. Exits 1 when a file could not be read or no route was read.
                Example: routelens routes check routes/
                """
        )

        @Argument(help: "Route files or directories of .json, .yaml and .yml files.")
        var paths: [String]

        func run() throws {
            var errors: [String] = []
            var sources: [(data: Data, source: String)] = []
            for file in try RouteCheckFiles.files(paths, errors: &errors) {
                do {
                    sources.append((try Data(contentsOf: URL(fileURLWithPath: file)), file))
                } catch {
                    errors.append("\(file): cannot read: \(error.localizedDescription)")
                }
            }
            let (table, routeErrors) = RouteTable.checking(sources)
            errors += routeErrors.map(\.description)
            if let table, !table.routes.isEmpty {
                var text = ReportTable(
                    columns: [.init("route"), .init("priority", numeric: true), .init("match"), .init("targets"), .init("attribution")]
                )
                for route in table.routesInMatchingOrder {
                    text.rows.append(
                        ReportTable.Row(
                            [route.name, route.priority.map(String.init) ?? "-", route.matchSummary, route.targetSummary, route.attributionSummary]
                                .map(ReportTable.Cell.text)
                        )
                    )
                }
                // Written and flushed before the warnings on standard error, so a terminal shows them after the table.
                var output = StandardOutput()
                output.write(text.aligned)
                output.flush()
            }
            for warning in (table?.warnings ?? []) + (table?.routes.flatMap(\.splitWarnings) ?? []) {
                printError("warning: \(warning)")
            }
            for error in errors {
                printError("error: \(error)")
            }
            if table?.routes.isEmpty ?? true {
                printError("error: no HTTP route was read from \(paths.joined(separator: ", ")): nothing to attribute requests to")
                throw ExitCode(1)
            }
            if !errors.isEmpty {
                printError("\(errors.count) problem\(errors.count == 1 ? "" : "s") found; the table shows the routes of the files that could be read")
                throw ExitCode(1)
            }
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

/// The route files `routes check` reads: every `.json`, `.yaml` and `.yml` file of a directory, as `--routes` reads
/// them, but a path that does not exist is an error to report with the others rather than the end of the check.
private enum RouteCheckFiles {
    static func files(_ paths: [String], errors: inout [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append("\(path) does not exist")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { ["json", "yaml", "yml"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
            if names.isEmpty { errors.append("\(path) has no .json, .yaml or .yml route files") }
            files += names.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }
}

extension Route {
    /// Each target with its weight and share: `orders-v1 80 (80%), orders-v2 20 (20%)`.
    fileprivate var targetSummary: String {
        let total = targets.reduce(0) { $0 + $1.weight }
        return targets.map { target in
            // A lone target takes all traffic whatever its weight; several weighing 0 in all have no share.
            let share = targets.count == 1 ? "100%" : total == 0 ? "untestable" : "\(Int((Double(target.weight) * 100 / Double(total)).rounded(.down)))%"
            return "\(target.name) \(target.weight) (\(share))"
        }.joined(separator: ", ")
    }

    /// How log lines name each target: `orders-v1: cluster cds_egress_shop_orders-v1_*_*, 3 hosts`.
    fileprivate var attributionSummary: String {
        targets.map { target in
            let means = attribution(of: target)
            var parts = means.clusters.isEmpty ? [] : ["cluster \(means.clusters.joined(separator: " | "))"]
            if means.hosts > 0 { parts.append("\(means.hosts) host\(means.hosts == 1 ? "" : "s")") }
            if means.isOnlyTarget { parts.append("only target") }
            return "\(target.name): \(parts.isEmpty ? "nothing" : parts.joined(separator: ", "))"
        }.joined(separator: "; ")
    }

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
        parts += headers.map { header in
            let condition = "header \(header.name) \(header.condition.summary)"
            return header.invert ? "not \(condition)" : condition
        }
        parts += queryParameters.map { "query \($0.name) \($0.condition.summary)" }
        if let scheme { parts.append("scheme \(scheme) (not in logs, not checked)") }
        return parts
    }
}

extension HeaderMatch.Condition {
    /// `= "1"`, `prefix "v"`, `~ ^v[0-9]$`, `in 1..<5`, or `present`.
    fileprivate var summary: String {
        switch self {
        case .present: "present"
        case .exact(let value): "= \"\(value)\""
        case .prefix(let value): "prefix \"\(value)\""
        case .suffix(let value): "suffix \"\(value)\""
        case .regex(let regex): "~ \(regex)"
        case .range(let range): "in \(range.lowerBound)..<\(range.upperBound)"
        }
    }
}

extension QueryParameterMatch.Condition {
    /// `= "1"`, `~ ^[0-9]+$`, or `present`.
    fileprivate var summary: String {
        switch self {
        case .present: "present"
        case .exact(let value): "= \"\(value)\""
        case .regex(let regex): "~ \(regex)"
        }
    }
}

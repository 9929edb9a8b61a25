import ArgumentParser
import Routing

struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Work with route definitions.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate route files and print the resolved route table, in matching order.",
            discussion: "Errors name the file, the YAML document and the path of the problem. Example: routelens routes check routes/"
        )

        @Argument(help: "Route files or directories of .json, .yaml and .yml files.")
        var paths: [String]

        func run() throws {
            guard let table = try RouteFiles.load(paths) else { return }
            var text = TextTable(header: ["route", "priority", "match", "targets"], numericColumns: [1])
            for route in table.routes {
                let total = max(route.targets.map(\.weight).reduce(0, +), 1)
                let targets = route.targets.map { "\($0.name) \($0.weight) (\(100 * $0.weight / total)%)" }.joined(separator: ", ")
                text.rows.append([route.name, route.priority.map(String.init) ?? "-", route.matchSummary, targets])
            }
            print(text.aligned)
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

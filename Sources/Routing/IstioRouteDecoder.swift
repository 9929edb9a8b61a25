/// Reads Istio `VirtualService` resources into one ``Route`` per `http` route, and `DestinationRule` subsets.
///
/// Follows the [VirtualService reference](https://istio.io/latest/docs/reference/config/networking/virtual-service/):
/// an `http` route's `match` entries are alternatives (none matches every request), each combined with each of
/// the `hosts`; within one entry every condition must hold. A route is named by its `name`, as Istio names the
/// Envoy route and so logs it in `%ROUTE_NAME%`, and also answers to `<name>.<match name>`, Istio's name for
/// a named match. An unnamed route, which Istio logs without a name, is reported as
/// `virtualservice/<namespace>/<name>/http/<index>`.
///
/// Short host names (`reviews`) mean `<host>.<namespace>.svc.cluster.local` in the resource's namespace, as
/// Istio resolves them on Kubernetes.
struct IstioRouteDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    /// The subsets of one `DestinationRule`, and where its host is, for messages.
    struct Subsets {
        /// Each subset's pod `labels`, by subset name.
        let labels: [String: [String: String]]
        let resource: String

        var names: [String] { labels.keys.sorted() }
    }

    /// The fully qualified host and the subsets of a `DestinationRule`.
    func subsets(of resource: KubernetesResource) throws(RouteConfigError) -> (host: String, subsets: Subsets) {
        let specPath = resource.path.appending("spec")
        let spec = try object(resource.fields["spec"] ?? .null, at: specPath, expected: "a DestinationRule spec with a host")
        let host = Self.qualified(try requiredString("host", in: spec, at: specPath), namespace: resource.namespace)
        var labels: [String: [String: String]] = [:]
        if let subsets = spec["subsets"] {
            let subsetsPath = specPath.appending("subsets")
            for (index, item) in try array(subsets, at: subsetsPath, expected: "an array of subsets").enumerated() {
                let itemPath = subsetsPath.appending(index: index)
                let fields = try object(item, at: itemPath, expected: "a subset object")
                labels[try requiredString("name", in: fields, at: itemPath)] = try optional("labels", in: fields, at: itemPath, self.labels) ?? [:]
            }
        }
        let location = origin(of: resource.path)
        return (host, Subsets(labels: labels, resource: "DestinationRule \(resource.namespace)/\(resource.name) (\(location))"))
    }

    /// The `http` routes of a `VirtualService`; `subsets` are the `DestinationRule` subsets by fully qualified
    /// host, to check that each destination's subset is defined.
    func routes(of resource: KubernetesResource, subsets: [String: Subsets]) throws(RouteConfigError) -> [Route] {
        let specPath = resource.path.appending("spec")
        let spec = try object(resource.fields["spec"] ?? .null, at: specPath, expected: "a VirtualService spec with hosts and http routes")
        let hostsPath = specPath.appending("hosts")
        var hostnames: [RequestMatch.HostnameMatch?] = []
        for (index, item) in try array(spec["hosts"] ?? .null, at: hostsPath, expected: "an array of hosts").enumerated() {
            let host = try string(item, at: hostsPath.appending(index: index), named: "host").lowercased()
            hostnames += Self.hostnames(host, namespace: resource.namespace)
        }
        guard !hostnames.isEmpty else { throw error(at: hostsPath, "hosts is empty: list the hosts the routes apply to") }
        guard let http = spec["http"] else { return [] }
        let httpPath = specPath.appending("http")
        var routes: [Route] = []
        for (index, item) in try array(http, at: httpPath, expected: "an array of HTTP routes").enumerated() {
            let routePath = httpPath.appending(index: index)
            let fields = try object(item, at: routePath, expected: "an HTTP route object")
            let name = try optionalString("name", in: fields, at: routePath)
            var matches: [RequestMatch] = []
            var loggedNames: [String] = []
            let entries = try optional("match", in: fields, at: routePath) { (value, path) throws(RouteConfigError) in
                try array(value, at: path, expected: "an array of match conditions")
            } ?? []
            for (matchIndex, entry) in (entries.isEmpty ? [.object([:])] : entries).enumerated() {
                let matchPath = routePath.appending("match").appending(index: matchIndex)
                let (match, matchName) = try self.match(entry, at: matchPath)
                matches += hostnames.map { match.requestMatch(hostname: $0) }
                if let matchName { loggedNames.append("\(name ?? "").\(matchName)") }
            }
            routes.append(Route(
                name: name ?? "virtualservice/\(resource.namespace)/\(resource.name)/http/\(index)",
                platform: .istio,
                kind: .virtualServiceHTTPRoute,
                priority: nil,
                matches: matches,
                targets: try optional("route", in: fields, at: routePath) { (value, path) throws(RouteConfigError) in
                    try destinations(value, at: path, namespace: resource.namespace, subsets: subsets)
                } ?? [],
                loggedNames: loggedNames,
                origin: origin(of: name == nil ? routePath : routePath.appending("name")),
                // Istio requires route names to be unique within one VirtualService only.
                scope: "virtualservice/\(resource.namespace)/\(resource.name)"
            ))
        }
        return routes
    }

    /// Warnings for the routes of a `VirtualService` RouteLens does not read: `tcp` and `tls` routes, whose connections
    /// carry no method, path or authority to match, and a service with no `http` route at all.
    func unreadRoutes(of resource: KubernetesResource) -> [RouteConfigWarning] {
        guard case .object(let spec)? = resource.fields["spec"] else { return [] }
        var warnings: [RouteConfigWarning] = []
        let specPath = resource.path.appending("spec")
        for key in ["tcp", "tls"] {
            guard case .array(let items)? = spec[key], !items.isEmpty else { continue }
            warnings.append(RouteConfigWarning(
                source: source, location: error(at: specPath.appending(key), "").location?.description,
                message: "\(items.count) \(key.uppercased()) route\(items.count == 1 ? "" : "s") of VirtualService "
                    + "\(resource.namespace)/\(resource.name) not read: RouteLens attributes HTTP requests only"
            ))
        }
        let httpCount = if case .array(let items)? = spec["http"] { items.count } else { 0 }
        if httpCount == 0, !warnings.isEmpty {
            warnings.append(RouteConfigWarning(
                source: source, location: error(at: specPath, "").location?.description,
                message: "VirtualService \(resource.namespace)/\(resource.name) has no http route: nothing of it is read"
            ))
        }
        return warnings
    }

    // MARK: Hosts

    /// `reviews` and `reviews.default.svc.cluster.local` in namespace `default`.
    static func qualified(_ host: String, namespace: String) -> String {
        host.contains(".") || host.contains("*") ? host : "\(host).\(namespace).svc.cluster.local"
    }

    /// The names a request for `host` may carry as its authority: a Kubernetes service is also reached as
    /// `<service>`, `<service>.<namespace>` and `<service>.<namespace>.svc`. `*` matches any authority.
    private static func hostnames(_ host: String, namespace: String) -> [RequestMatch.HostnameMatch?] {
        if host == "*" { return [nil] }
        if host.hasPrefix("*.") { return [.suffix(String(host.dropFirst()))] }
        let qualified = qualified(host, namespace: namespace)
        let suffix = ".svc.cluster.local"
        guard qualified.hasSuffix(suffix) else { return [.exact(qualified)] }
        let serviceAndNamespace = qualified.dropLast(suffix.count)
        let service = serviceAndNamespace.prefix { $0 != "." }
        let names = Set([String(service), String(serviceAndNamespace), "\(serviceAndNamespace).svc", qualified])
        return names.sorted().map { .exact($0) }
    }

    // MARK: Matches

    /// A match before it is combined with each of the hosts.
    private struct PartialMatch {
        var prefix: String?
        var path: RequestMatch.PathMatch?
        var method: String?
        var headers: [HeaderMatch] = []
        var queryParameters: [QueryParameterMatch] = []
        var scheme: String?

        func requestMatch(hostname: RequestMatch.HostnameMatch?) -> RequestMatch {
            var match = RequestMatch(
                prefix: prefix, path: path, method: method, hostname: hostname, headers: headers,
                queryParameters: queryParameters
            )
            match.scheme = scheme
            return match
        }
    }

    /// A [`StringMatch`](https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch):
    /// exactly one of `exact`, `prefix`, `regex`.
    private func stringMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> HeaderMatch.Condition {
        let fields = try object(value, at: path, expected: "a string match object")
        if fields.isEmpty { return .present }
        let (key, member) = try singleMember(of: ["exact", "prefix", "regex"], in: fields, at: path)
        guard case .string(let text) = member else {
            throw error(at: path.appending(key), "\(key) must be a string, found \(member.summary)")
        }
        switch key {
        case "exact": return .exact(text)
        case "prefix": return .prefix(text)
        default: return .regex(try regex(member, at: path.appending(key)))
        }
    }

    private func match(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> (PartialMatch, name: String?) {
        let fields = try object(value, at: path, expected: "a match object")
        var match = PartialMatch()
        let ignoreCase = try optionalBool("ignoreUriCase", in: fields, at: path) ?? false
        if let uri = fields["uri"] {
            switch (try stringMatch(uri, at: path.appending("uri")), ignoreCase) {
            case (.exact(let text), false): match.path = .exact(text)
            case (.prefix(let text), false): match.prefix = text
            case (.exact(let text), true):
                match.path = .regex(try regex(.string("(?i)" + RegexPattern.escaping(text)), at: path.appending("uri")))
            case (.prefix(let text), true):
                match.path = .regex(try regex(.string("(?i)" + RegexPattern.escaping(text) + ".*"), at: path.appending("uri")))
            case (.regex(let pattern), _): match.path = .regex(pattern)
            default: throw error(at: path.appending("uri"), "uri needs exact, prefix or regex")
            }
        }
        if let method = fields["method"] {
            switch try stringMatch(method, at: path.appending("method")) {
            case .exact(let text): match.method = text
            case let condition: match.headers.append(HeaderMatch(name: ":method", condition: condition, invert: false))
            }
        }
        if let scheme = fields["scheme"] {
            match.scheme = switch try stringMatch(scheme, at: path.appending("scheme")) {
            case .exact(let text): text
            case .prefix(let text): "\(text)*"
            case .regex(let regex): "~ \(regex)"
            default: nil
            }
        }
        if let authority = fields["authority"] {
            match.headers.append(HeaderMatch(
                name: ":authority", condition: try stringMatch(authority, at: path.appending("authority")), invert: false
            ))
        }
        for (key, invert) in [("headers", false), ("withoutHeaders", true)] {
            guard let headers = fields[key] else { continue }
            let headersPath = path.appending(key)
            for (name, condition) in try object(headers, at: headersPath, expected: "an object of header matches").sorted(by: { $0.key < $1.key }) {
                match.headers.append(HeaderMatch(
                    name: name.lowercased(), condition: try stringMatch(condition, at: headersPath.appending(name)), invert: invert
                ))
            }
        }
        if let parameters = fields["queryParams"] {
            let parametersPath = path.appending("queryParams")
            for (name, value) in try object(parameters, at: parametersPath, expected: "an object of query parameter matches").sorted(by: { $0.key < $1.key }) {
                let condition: QueryParameterMatch.Condition = switch try stringMatch(value, at: parametersPath.appending(name)) {
                case .exact(let text): .exact(text)
                case .regex(let pattern): .regex(pattern)
                case .present: .present
                default: throw error(at: parametersPath.appending(name), "a query parameter match takes exact or regex, not prefix")
                }
                match.queryParameters.append(QueryParameterMatch(name: name, condition: condition))
            }
        }
        return (match, try optionalString("name", in: fields, at: path))
    }

    // MARK: Destinations

    /// `route[]`: a target per destination, named `<host>` or `<host>/<subset>` as written. A destination without a
    /// weight gets all the traffic when it is the only one, else none, as Istio weighs it.
    private func destinations(
        _ value: JSONValue, at path: JSONPath, namespace: String, subsets: [String: Subsets]
    ) throws(RouteConfigError) -> [RouteTarget] {
        let items = try array(value, at: path, expected: "an array of route destinations")
        var targets: [RouteTarget] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a route destination object")
            let destinationPath = itemPath.appending("destination")
            let destination = try object(fields["destination"] ?? .null, at: destinationPath, expected: "a destination with a host")
            let host = try requiredString("host", in: destination, at: destinationPath)
            let qualifiedHost = Self.qualified(host, namespace: namespace)
            let subset = try optionalString("subset", in: destination, at: destinationPath)
            if let subset, let defined = subsets[qualifiedHost], defined.labels[subset] == nil {
                throw error(at: destinationPath.appending("subset"), "subset \"\(subset)\" of \(qualifiedHost) is not defined by "
                    + "\(defined.resource), which defines \(defined.names.joined(separator: ", ")); add it there or fix the name")
            }
            let port = try optional("port", in: destination, at: destinationPath) { (value, path) throws(RouteConfigError) in
                try requiredInteger("number", in: try object(value, at: path, expected: "a port object with a number"), at: path, within: 1...65535)
            }
            let name = subset.map { "\(host)/\($0)" } ?? host
            if targets.contains(where: { $0.name == name }) {
                throw error(at: destinationPath, "destination \(name) is listed twice in this route; merge their weights into one")
            }
            targets.append(RouteTarget(
                name: name,
                weight: try optionalInteger("weight", in: fields, at: itemPath, within: 0...Int(Int32.max)) ?? (items.count == 1 ? 100 : 0),
                service: RouteTarget.Service(
                    host: qualifiedHost, subset: subset, port: port,
                    subsetLabels: subset.flatMap { subsets[qualifiedHost]?.labels[$0] }
                )
            ))
        }
        // Istio's validation rejects a route whose several destinations weigh 0 in all ("total destination weight = 0");
        // a lone destination takes all traffic whatever its weight.
        if targets.count > 1, targets.allSatisfy({ $0.weight == 0 }) {
            throw error(at: path, "total destination weight = 0: Istio rejects a route whose \(targets.count) destinations "
                + "all weigh 0 (an unset weight is 0); give the destinations that should take traffic a weight")
        }
        return targets
    }
}

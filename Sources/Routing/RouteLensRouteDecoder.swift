/// Reads RouteLens's own route file, `routelens.io/v1` `Routes`, for proxies whose configuration RouteLens does
/// not read (plain Envoy `weighted_clusters`, nginx-ingress canaries, hand-written setups).
///
/// ```yaml
/// apiVersion: routelens.io/v1
/// kind: Routes
/// metadata: {name: shop}
/// spec:
///   routes:
///   - name: orders-canary
///     matches:
///     - {prefix: /orders, method: GET, host: shop.example.com, headers: {x-canary: "1"}, query: {debug: "1"}}
///     targets:
///     - {name: orders-v1, weight: 80, clusters: [orders_v1], hosts: ["10.1.2.0/24"]}
///     - {name: orders-v2, weight: 20, clusters: [orders_v2], hosts: ["10.1.9.7:8080"]}
///   - name: search
///     targets:
///       search-v1: {service: search-v1.shop}
/// ```
///
/// A match holds when all of its conditions do: `prefix` (a plain prefix of the path), `path` (the exact path) or
/// `pathRegex` (the whole path), `method`, `host` (exact, or `*.example.com` for any subdomain), and exact
/// `headers` and `query` values. `matches` are alternatives; without them a route matches every request.
/// `targets` is a list, or a mapping from target name to its fields, read in name order. A target's
/// `weight` defaults to 1; `clusters` and `hosts` say how to recognise it in a log line, and so does `service`, a
/// Kubernetes Service (`<name>` in the file's namespace, `<name>.<namespace>` or its full DNS name) whose
/// `EndpointSlice`s, read with the routes, give more hosts (see ``KubernetesEndpoints``).
struct RouteLensRouteDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    func routes(of resource: KubernetesResource) throws(RouteConfigError) -> [Route] {
        let specPath = resource.path.appending("spec")
        let spec = try object(resource.fields["spec"] ?? .null, at: specPath, expected: "a Routes spec with routes")
        let routesPath = specPath.appending("routes")
        var routes: [Route] = []
        for (index, item) in try array(spec["routes"] ?? .null, at: routesPath, expected: "an array of routes").enumerated() {
            let routePath = routesPath.appending(index: index)
            let fields = try object(item, at: routePath, expected: "a route object")
            let matches = try optional("matches", in: fields, at: routePath) { (value, path) throws(RouteConfigError) in
                try array(value, at: path, expected: "an array of matches").enumerated().map { (offset, match) throws(RouteConfigError) in
                    try self.match(match, at: path.appending(index: offset))
                }
            } ?? []
            let targetsPath = routePath.appending("targets")
            let targets = try targets(fields["targets"] ?? .null, at: targetsPath, namespace: resource.namespace)
            guard !targets.isEmpty else { throw error(at: targetsPath, "targets is empty: list at least one target") }
            // Envoy rejects `weighted_clusters` whose weights sum to 0, so a file describing one is wrong.
            if targets.count > 1, targets.allSatisfy({ $0.weight == 0 }) {
                throw error(at: targetsPath, "the \(targets.count) targets' weights sum to 0: Envoy rejects such weighted_clusters; "
                    + "give the targets that take traffic a positive weight")
            }
            routes.append(Route(
                name: try requiredString("name", in: fields, at: routePath),
                platform: .routeLens,
                kind: .routeLensRoute,
                priority: nil,
                matches: matches.isEmpty ? [RequestMatch(prefix: nil, path: nil, method: nil, hostname: nil, headers: [], queryParameters: [])] : matches,
                targets: targets,
                loggedNames: [],
                origin: origin(of: routePath.appending("name"))
            ))
        }
        return routes
    }

    private func match(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> RequestMatch {
        let fields = try object(value, at: path, expected: "a match object")
        let known: Set = ["prefix", "path", "pathRegex", "method", "host", "headers", "query"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw error(at: path.appending(unknown), "unknown match condition \(unknown): expected \(known.sorted().joined(separator: ", "))")
        }
        let exact = try optionalString("path", in: fields, at: path)
        let pattern = try optionalString("pathRegex", in: fields, at: path)
        if exact != nil, pattern != nil {
            throw error(at: path, "a match takes path or pathRegex, not both")
        }
        let host = try optionalString("host", in: fields, at: path)?.lowercased()
        var pathMatch = exact.map(RequestMatch.PathMatch.exact)
        if let pattern {
            pathMatch = .regex(try regex(.string(pattern), at: path.appending("pathRegex")))
        }
        return RequestMatch(
            prefix: try optionalString("prefix", in: fields, at: path),
            path: pathMatch,
            method: try optionalString("method", in: fields, at: path)?.uppercased(),
            hostname: host.map { $0.hasPrefix("*.") ? .suffix(String($0.dropFirst())) : .exact($0) },
            headers: try exactValues("headers", in: fields, at: path).map {
                HeaderMatch(name: $0.name.lowercased(), condition: .exact($0.value), invert: false)
            },
            queryParameters: try exactValues("query", in: fields, at: path).map {
                QueryParameterMatch(name: $0.name, condition: .exact($0.value))
            }
        )
    }

    /// A `name: value` mapping, in name order.
    private func exactValues(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> [(name: String, value: String)] {
        guard let value = fields[key] else { return [] }
        let mappingPath = path.appending(key)
        var values: [(name: String, value: String)] = []
        for (name, item) in try object(value, at: mappingPath, expected: "a mapping of names to values").sorted(by: { $0.key < $1.key }) {
            guard case .string(let text) = item else {
                throw error(at: mappingPath.appending(name), "\(name) must be a string (quote numbers: \"1\"), found \(item.summary)")
            }
            values.append((name, text))
        }
        return values
    }

    private func targets(_ value: JSONValue, at path: JSONPath, namespace: String) throws(RouteConfigError) -> [RouteTarget] {
        switch value {
        case .array(let items):
            var targets: [RouteTarget] = []
            for (index, item) in items.enumerated() {
                let itemPath = path.appending(index: index)
                let fields = try object(item, at: itemPath, expected: "a target object")
                targets.append(try target(named: try requiredString("name", in: fields, at: itemPath), fields, at: itemPath, namespace: namespace))
            }
            return targets
        case .object(let byName):
            var targets: [RouteTarget] = []
            for (name, item) in byName.sorted(by: { $0.key < $1.key }) {
                let itemPath = path.appending(name)
                targets.append(try target(
                    named: name, try object(item, at: itemPath, expected: "a target object"), at: itemPath, namespace: namespace
                ))
            }
            return targets
        default:
            throw error(at: path, "expected a list of targets or a mapping from target names to targets, found \(value.summary)")
        }
    }

    private func target(
        named name: String, _ fields: [String: JSONValue], at path: JSONPath, namespace: String
    ) throws(RouteConfigError) -> RouteTarget {
        let clusters = try optional("clusters", in: fields, at: path) { (value, path) throws(RouteConfigError) in
            try array(value, at: path, expected: "an array of cluster names").enumerated().map { (offset, item) throws(RouteConfigError) in
                try string(item, at: path.appending(index: offset), named: "cluster")
            }
        } ?? []
        let service = try optionalString("service", in: fields, at: path).map {
            RouteTarget.Service(host: KubernetesEndpoints.qualifiedServiceHost($0, namespace: namespace), subset: nil, port: nil)
        }
        return RouteTarget(
            name: name, weight: try optionalInteger("weight", in: fields, at: path, within: 0...Int(Int32.max)) ?? 1,
            service: service, clusters: clusters, hosts: try optional("hosts", in: fields, at: path, hostPatterns) ?? []
        )
    }

    private func hostPatterns(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [UpstreamHostPattern] {
        var patterns: [UpstreamHostPattern] = []
        for (index, item) in try array(value, at: path, expected: "an array of hosts").enumerated() {
            let text = try string(item, at: path.appending(index: index), named: "host")
            guard let pattern = UpstreamHostPattern(text) else {
                throw error(at: path.appending(index: index), "host must be an IP address with an optional port "
                    + "(10.1.9.7:8080, [fd00::7]:8080) or an IPv4 network (10.1.2.0/24), found \"\(text)\"")
            }
            patterns.append(pattern)
        }
        return patterns
    }
}

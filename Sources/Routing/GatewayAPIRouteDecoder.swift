/// Reads Gateway API `HTTPRoute` and `GRPCRoute` resources into one ``Route`` per rule.
///
/// Follows the [Gateway API reference](https://gateway-api.sigs.k8s.io/reference/spec/): a rule's `matches`
/// are alternatives (no matches means a `PathPrefix` of `/`), each further multiplied by the route's
/// `hostnames`; a `backendRef` without `weight` weighs 1, and 0 is allowed. Routes are named as
/// [Envoy Gateway](https://gateway.envoyproxy.io) names the rule's cluster, `httproute/<namespace>/<name>/rule/<index>`.
struct GatewayAPIRouteDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    /// The largest `backendRef` weight the Gateway API allows.
    private static let maximumWeight = 1_000_000

    func routes(of resource: KubernetesResource) throws(RouteConfigError) -> [Route] {
        let isGRPC = resource.kind == "GRPCRoute"
        let specPath = resource.path.appending("spec")
        guard let specValue = resource.fields["spec"] else {
            throw error(at: specPath, "\(resource.kind) has no spec: add spec.rules with backendRefs")
        }
        let spec = try object(specValue, at: specPath, expected: "a \(resource.kind) spec object")
        let hostnames = try optional("hostnames", in: spec, at: specPath, hostnameMatches) ?? []
        let rulesPath = specPath.appending("rules")
        // The API defaults `rules` to one rule matching every request with no backends.
        let rules = try optional("rules", in: spec, at: specPath) { (value, path) throws(RouteConfigError) in
            try array(value, at: path, expected: "an array of rules")
        } ?? [.object([:])]
        let prefix = isGRPC ? "grpcroute" : "httproute"
        let platform = Route.Platform.envoyGateway(Route.GatewayAPIRule(
            namespace: resource.namespace, name: resource.name, createdAt: resource.createdAt
        ))

        var routes: [Route] = []
        for (index, ruleValue) in rules.enumerated() {
            let rulePath = rulesPath.appending(index: index)
            let rule = try object(ruleValue, at: rulePath, expected: "a rule object")
            let matches = try optional("matches", in: rule, at: rulePath) { (value, path) throws(RouteConfigError) in
                try array(value, at: path, expected: "an array of matches").enumerated().map {
                    (offset, match) throws(RouteConfigError) in
                    isGRPC
                        ? try grpcMatch(match, at: path.appending(index: offset))
                        : try httpMatch(match, at: path.appending(index: offset))
                }
            } ?? []
            let alternatives = (matches.isEmpty ? [PartialMatch(path: .segmentPrefix("/"))] : matches).flatMap { match in
                hostnames.isEmpty ? [match.requestMatch(hostname: nil)] : hostnames.map(match.requestMatch(hostname:))
            }
            routes.append(Route(
                name: "\(prefix)/\(resource.namespace)/\(resource.name)/rule/\(index)",
                platform: platform,
                kind: isGRPC ? .grpcRoute : .httpRoute,
                priority: nil,
                matches: alternatives,
                targets: try optional("backendRefs", in: rule, at: rulePath) { (value, path) throws(RouteConfigError) in
                    try backendRefs(value, at: path, routeNamespace: resource.namespace)
                } ?? [],
                loggedNames: [],
                origin: origin(of: rulePath)
            ))
        }
        return routes
    }

    /// A match before it is combined with each of the route's hostnames.
    private struct PartialMatch {
        var path: RequestMatch.PathMatch?
        var method: String?
        var headers: [HeaderMatch] = []
        var queryParameters: [QueryParameterMatch] = []

        func requestMatch(hostname: RequestMatch.HostnameMatch?) -> RequestMatch {
            RequestMatch(
                prefix: nil, path: path, method: method, hostname: hostname, headers: headers,
                queryParameters: queryParameters
            )
        }
    }

    // MARK: Matches

    /// `hostnames`: exact names, or `*.example.com`, which matches any name with one or more labels before `.example.com`.
    private func hostnameMatches(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [RequestMatch.HostnameMatch] {
        var hostnames: [RequestMatch.HostnameMatch] = []
        for (index, item) in try array(value, at: path, expected: "an array of hostnames").enumerated() {
            let hostname = try string(item, at: path.appending(index: index), named: "hostname").lowercased()
            hostnames.append(hostname.hasPrefix("*.") ? .suffix(String(hostname.dropFirst())) : .exact(hostname))
        }
        return hostnames
    }

    private func httpMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> PartialMatch {
        let fields = try object(value, at: path, expected: "a match object")
        var match = PartialMatch(path: .segmentPrefix("/"))
        if let pathValue = fields["path"] {
            let pathPath = path.appending("path")
            let pathFields = try object(pathValue, at: pathPath, expected: "a path match object")
            let type = try optionalString("type", in: pathFields, at: pathPath) ?? "PathPrefix"
            let text = try optionalString("value", in: pathFields, at: pathPath) ?? "/"
            switch type {
            case "Exact", "PathPrefix":
                guard text.hasPrefix("/") else {
                    throw error(at: pathPath.appending("value"), "path value must start with \"/\", found \"\(text)\"")
                }
                match.path = type == "Exact" ? .exact(text) : .segmentPrefix(text)
            case "RegularExpression":
                match.path = .regex(try regex(.string(text), at: pathPath.appending("value")))
            default:
                throw error(at: pathPath.appending("type"),
                            "path type must be Exact, PathPrefix or RegularExpression, found \"\(type)\"")
            }
        }
        if let method = try optionalString("method", in: fields, at: path) {
            guard RequestMatch.httpMethods.contains(method) else {
                throw error(at: path.appending("method"),
                            "method must be one of \(RequestMatch.httpMethods.joined(separator: ", ")), found \"\(method)\"")
            }
            match.method = method
        }
        match.headers = try optional("headers", in: fields, at: path, headerMatches) ?? []
        match.queryParameters = try optional("queryParams", in: fields, at: path, queryParameterMatches) ?? []
        return match
    }

    /// A gRPC request's path is `/<service>/<method>`
    /// ([gRPC over HTTP/2](https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md)).
    private func grpcMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> PartialMatch {
        let fields = try object(value, at: path, expected: "a match object")
        var match = PartialMatch()
        if let methodValue = fields["method"] {
            let methodPath = path.appending("method")
            let methodFields = try object(methodValue, at: methodPath, expected: "a gRPC method match object")
            let type = try optionalString("type", in: methodFields, at: methodPath) ?? "Exact"
            let service = try optionalString("service", in: methodFields, at: methodPath)
            let method = try optionalString("method", in: methodFields, at: methodPath)
            switch (type, service, method) {
            case (_, nil, nil):
                throw error(at: methodPath, "a gRPC method match needs a service, a method or both")
            case ("Exact", let service?, let method?):
                match.path = .exact("/\(service)/\(method)")
            case ("Exact", let service?, nil):
                match.path = .segmentPrefix("/\(service)")
            case ("Exact", nil, let method?):
                match.path = .regex(try regex(.string("/[^/]+/\(RegexPattern.escaping(method))"), at: methodPath.appending("method")))
            case ("RegularExpression", _, _):
                let pattern = "/\(service ?? "[^/]+")/\(method ?? "[^/]+")"
                match.path = .regex(try regex(.string(pattern), at: methodPath))
            default:
                throw error(at: methodPath.appending("type"), "method type must be Exact or RegularExpression, found \"\(type)\"")
            }
        }
        match.headers = try optional("headers", in: fields, at: path, headerMatches) ?? []
        return match
    }

    /// An `Exact` or `RegularExpression` value condition of a header or query parameter match.
    private enum ValueCondition {
        case exact(String)
        case regex(RegexPattern)
    }

    private func headerMatches(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [HeaderMatch] {
        try valueMatches(value, at: path, what: "header").map { name, condition in
            switch condition {
            case .exact(let text): HeaderMatch(name: name.lowercased(), condition: .exact(text), invert: false)
            case .regex(let regex): HeaderMatch(name: name.lowercased(), condition: .regex(regex), invert: false)
            }
        }
    }

    private func queryParameterMatches(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [QueryParameterMatch] {
        try valueMatches(value, at: path, what: "query parameter").map { name, condition in
            switch condition {
            case .exact(let text): QueryParameterMatch(name: name, condition: .exact(text))
            case .regex(let regex): QueryParameterMatch(name: name, condition: .regex(regex))
            }
        }
    }

    /// `headers` and `queryParams` entries: `name`, `value` and `type` `Exact` (the default) or `RegularExpression`.
    private func valueMatches(
        _ value: JSONValue, at path: JSONPath, what: String
    ) throws(RouteConfigError) -> [(name: String, condition: ValueCondition)] {
        var matches: [(name: String, condition: ValueCondition)] = []
        for (index, item) in try array(value, at: path, expected: "an array of \(what) matches").enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a \(what) match object")
            let name = try requiredString("name", in: fields, at: itemPath)
            let text = try requiredString("value", in: fields, at: itemPath)
            switch try optionalString("type", in: fields, at: itemPath) ?? "Exact" {
            case "Exact": matches.append((name, .exact(text)))
            case "RegularExpression": matches.append((name, .regex(try regex(.string(text), at: itemPath.appending("value")))))
            case let type:
                throw error(at: itemPath.appending("type"),
                            "\(what) match type must be Exact or RegularExpression, found \"\(type)\"")
            }
        }
        return matches
    }

    // MARK: Targets

    /// `backendRefs`: each names a target by `name`, or `<namespace>/<name>` when it gives a namespace.
    private func backendRefs(
        _ value: JSONValue, at path: JSONPath, routeNamespace: String
    ) throws(RouteConfigError) -> [RouteTarget] {
        var targets: [RouteTarget] = []
        for (index, item) in try array(value, at: path, expected: "an array of backendRefs").enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a backendRef object")
            let name = try requiredString("name", in: fields, at: itemPath)
            let namespace = try optionalString("namespace", in: fields, at: itemPath)
            let port = try optionalInteger("port", in: fields, at: itemPath, within: 1...65535)
            let weight = try optionalInteger("weight", in: fields, at: itemPath, within: 0...Self.maximumWeight) ?? 1
            let targetName = namespace.map { "\($0)/\(name)" } ?? name
            if targets.contains(where: { $0.name == targetName }) {
                throw error(at: itemPath.appending("name"), "backendRef \(targetName) is listed twice in this rule; "
                    + "RouteLens tells a rule's backends apart by name, so merge their weights into one backendRef")
            }
            targets.append(RouteTarget(
                name: targetName, weight: weight,
                service: RouteTarget.Service(
                    host: "\(name).\(namespace ?? routeNamespace).svc.cluster.local", subset: nil, port: port
                )
            ))
        }
        return targets
    }
}

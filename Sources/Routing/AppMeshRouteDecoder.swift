import Foundation

/// Reads App Mesh route definitions from one JSON source into ``Route`` values, validating as it goes.
///
/// Walks a ``JSONValue`` tree by hand instead of decoding `Decodable` models: three document shapes
/// share one route specification, and each problem has to be reported with its JSON path and the
/// expected value, which `DecodingError` does not give (it reports a wrongly typed weight as
/// "The given data was not valid JSON" on Linux, with no position).
struct AppMeshRouteDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    func routes(in data: Data) throws(RouteConfigError) -> [Route] {
        try routes(in: parse(data), at: .root)
    }

    /// The routes of one App Mesh document: a route object or an array of them.
    func routes(in document: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [Route] {
        switch document {
        case .array(let items):
            var routes: [Route] = []
            for (index, item) in items.enumerated() {
                routes.append(try route(item, at: path.appending(index: index)))
            }
            return routes
        case .object:
            return [try route(document, at: path)]
        default:
            throw error(at: path, "expected a route object or an array of route objects, found \(document.summary)")
        }
    }

    // MARK: Documents

    func parse(_ data: Data) throws(RouteConfigError) -> JSONValue {
        guard !data.isEmpty else {
            throw RouteConfigError(source: source, location: nil, problem: "the source is empty; expected App Mesh route JSON")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw syntaxError(in: data, decoderError: error)
        }
    }

    /// `JSONDecoder` on Linux does not say where JSON is malformed, so the text is parsed again with
    /// `JSONSerialization`, whose message carries "around character N" (Linux) or "around line L, column C" (Darwin).
    private func syntaxError(in data: Data, decoderError: any Error) -> RouteConfigError {
        let message: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
            message = "\(decoderError)"
        } catch {
            message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        }
        return RouteConfigError(
            source: source, location: Self.textLocation(in: message, of: data), problem: "not valid JSON: \(message)"
        )
    }

    private static func textLocation(in message: String, of data: Data) -> RouteConfigError.Location? {
        if let found = message.firstMatch(of: #/around line (\d+), column (\d+)/#),
           let line = Int(found.1), let column = Int(found.2) {
            return .text(line: line, column: column, byteOffset: nil)
        }
        guard let found = message.firstMatch(of: #/around character (\d+)/#), let offset = Int(found.1) else { return nil }
        let before = data.prefix(offset)
        let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 - data.startIndex + 1 } ?? 0) + 1
        return .text(line: line, column: column, byteOffset: offset)
    }

    /// Accepts the inline form (`gatewayRouteName` + `gatewayRouteSpec`, `routeName` + `routeSpec`),
    /// `GatewayRouteData` / `RouteData` objects (`spec`), and `describe-gateway-route` / `describe-route`
    /// output, which wraps those in `gatewayRoute` / `route`.
    private func route(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> Route {
        let fields = try object(value, at: path, expected: "a route object")
        if let described = fields["gatewayRoute"] {
            let describedPath = path.appending("gatewayRoute")
            let fields = try object(described, at: describedPath, expected: "a gateway route object")
            return try definition(fields, at: describedPath, kind: .gatewayRoute, specKeys: ["spec"])
        }
        if let described = fields["route"] {
            let describedPath = path.appending("route")
            let fields = try object(described, at: describedPath, expected: "a route object")
            return try definition(fields, at: describedPath, kind: .route, specKeys: ["spec"])
        }
        if fields["gatewayRouteName"] != nil {
            return try definition(fields, at: path, kind: .gatewayRoute, specKeys: ["gatewayRouteSpec", "spec"])
        }
        if fields["routeName"] != nil {
            return try definition(fields, at: path, kind: .route, specKeys: ["routeSpec", "spec"])
        }
        throw error(at: path, "unknown route kind: expected gatewayRouteName or routeName, or the gatewayRoute / route "
            + "object printed by `aws appmesh describe-gateway-route` / `describe-route`")
    }

    private func definition(
        _ fields: [String: JSONValue], at path: JSONPath, kind: Route.Kind, specKeys: [String]
    ) throws(RouteConfigError) -> Route {
        let nameKey = kind == .gatewayRoute ? "gatewayRouteName" : "routeName"
        let name = try requiredString(nameKey, in: fields, at: path)
        // The walkthroughs' CLI input files leave the mesh (and router) to command-line flags: without a mesh name
        // the route's egress clusters match any mesh, as for Kubernetes resources that name none.
        let mesh = try optionalString("meshName", in: fields, at: path)
        let parentKey = kind == .gatewayRoute ? "virtualGatewayName" : "virtualRouterName"
        let parent = try optionalString(parentKey, in: fields, at: path)
        guard let specKey = specKeys.first(where: { fields[$0] != nil }), let specValue = fields[specKey] else {
            throw error(at: path.appending(specKeys[0]),
                        "route has no \(specKeys[0]): add the specification with an httpRoute, http2Route or grpcRoute")
        }
        let specPath = path.appending(specKey)
        let spec = try object(specValue, at: specPath, expected: "a route specification object")
        let priority = try optionalInteger("priority", in: spec, at: specPath, within: 0...1000)

        if spec["tcpRoute"] != nil {
            throw error(at: specPath.appending("tcpRoute"), "tcpRoute is not supported: TCP routes have no HTTP attributes "
                + "to match logged requests against; leave TCP routes out of this source")
        }
        let protocols = ["httpRoute", "http2Route", "grpcRoute"].filter { spec[$0] != nil }
        guard protocols.count == 1, let protocolKey = protocols.first, let routeValue = spec[protocolKey] else {
            throw error(at: specPath, protocols.isEmpty
                ? "route specification has no httpRoute, http2Route or grpcRoute"
                : "route specification has \(protocols.joined(separator: " and ")); App Mesh allows exactly one of them")
        }
        let routePath = specPath.appending(protocolKey)
        let routeFields = try object(routeValue, at: routePath, expected: "a route object")

        guard let matchValue = routeFields["match"] else {
            throw error(at: routePath.appending("match"), "route has no match: add one, e.g. \"match\": {\"prefix\": \"/\"}")
        }
        let match = protocolKey == "grpcRoute"
            ? try grpcMatch(matchValue, at: routePath.appending("match"))
            : try httpMatch(matchValue, at: routePath.appending("match"))

        guard let actionValue = routeFields["action"] else {
            throw error(at: routePath.appending("action"),
                        "route has no action: add weightedTargets or target.virtualService.virtualServiceName")
        }
        let targets = try targets(actionValue, at: routePath.appending("action"))

        return Route(
            name: name, platform: .appMesh(mesh: mesh), kind: kind, priority: priority, matches: [match],
            targets: targets, loggedNames: [], origin: origin(of: path.appending(nameKey)),
            // App Mesh requires route names to be unique within one virtual router (gateway routes: one virtual gateway).
            scope: parent.map { "\(kind == .gatewayRoute ? "virtualgateway" : "virtualrouter")/\($0)" }
        )
    }

    // MARK: Matches

    func httpMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> RequestMatch {
        let fields = try object(value, at: path, expected: "a match object")
        let prefix = try optionalString("prefix", in: fields, at: path)
        if let prefix, !prefix.hasPrefix("/") {
            throw error(at: path.appending("prefix"), "prefix must start with \"/\", found \"\(prefix)\"")
        }
        let method = try optionalString("method", in: fields, at: path)
        if let method, !RequestMatch.httpMethods.contains(method) {
            throw error(at: path.appending("method"),
                        "method must be one of \(RequestMatch.httpMethods.joined(separator: ", ")), found \"\(method)\"")
        }
        var match = RequestMatch(
            prefix: prefix,
            path: try optional("path", in: fields, at: path, pathMatch),
            method: method,
            hostname: try optional("hostname", in: fields, at: path, hostnameMatch),
            headers: try optional("headers", in: fields, at: path, headerMatches) ?? [],
            queryParameters: try optional("queryParameters", in: fields, at: path, queryParameterMatches) ?? []
        )
        match.scheme = try optionalString("scheme", in: fields, at: path)
        return match
    }

    /// A gRPC request's path is `/<serviceName>/<methodName>`
    /// ([gRPC over HTTP/2](https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md)), so a service and
    /// method select that exact path, and a service alone selects the `/<serviceName>/` prefix.
    func grpcMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> RequestMatch {
        let fields = try object(value, at: path, expected: "a match object")
        let serviceName = try optionalString("serviceName", in: fields, at: path)
        let methodName = try optionalString("methodName", in: fields, at: path)
        var prefix: String?
        var pathMatch: RequestMatch.PathMatch?
        switch (serviceName, methodName) {
        case (let service?, let method?): pathMatch = .exact("/\(service)/\(method)")
        case (let service?, nil): prefix = "/\(service)/"
        case (nil, _?):
            throw error(at: path.appending("methodName"),
                        "methodName needs a serviceName: App Mesh matches a gRPC method only within its service")
        case (nil, nil): break
        }
        return RequestMatch(
            prefix: prefix,
            path: pathMatch,
            method: nil,
            hostname: try optional("hostname", in: fields, at: path, hostnameMatch),
            headers: try optional("metadata", in: fields, at: path, headerMatches) ?? [],
            queryParameters: []
        )
    }

    private func pathMatch(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> RequestMatch.PathMatch {
        let fields = try object(value, at: path, expected: "a path match object")
        let (key, member) = try singleMember(of: ["exact", "regex"], in: fields, at: path)
        return key == "exact"
            ? .exact(try string(member, at: path.appending(key), named: key))
            : .regex(try regex(member, at: path.appending(key)))
    }

    private func hostnameMatch(
        _ value: JSONValue, at path: JSONPath
    ) throws(RouteConfigError) -> RequestMatch.HostnameMatch {
        let fields = try object(value, at: path, expected: "a hostname match object")
        let (key, member) = try singleMember(of: ["exact", "suffix"], in: fields, at: path)
        let hostname = try string(member, at: path.appending(key), named: key).lowercased()
        return key == "exact" ? .exact(hostname) : .suffix(hostname)
    }

    private func headerMatches(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [HeaderMatch] {
        var matches: [HeaderMatch] = []
        for (index, item) in try array(value, at: path, expected: "an array of header matches").enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a header match object")
            matches.append(HeaderMatch(
                name: try requiredString("name", in: fields, at: itemPath).lowercased(),
                condition: try optional("match", in: fields, at: itemPath, headerCondition) ?? .present,
                invert: try optionalBool("invert", in: fields, at: itemPath) ?? false
            ))
        }
        return matches
    }

    private func headerCondition(
        _ value: JSONValue, at path: JSONPath
    ) throws(RouteConfigError) -> HeaderMatch.Condition {
        let fields = try object(value, at: path, expected: "a header match method object")
        let (key, member) = try singleMember(of: ["exact", "prefix", "suffix", "regex", "range"], in: fields, at: path)
        let memberPath = path.appending(key)
        switch key {
        case "exact": return .exact(try string(member, at: memberPath, named: key))
        case "prefix": return .prefix(try string(member, at: memberPath, named: key))
        case "suffix": return .suffix(try string(member, at: memberPath, named: key))
        case "regex": return .regex(try regex(member, at: memberPath))
        default:
            let range = try object(member, at: memberPath, expected: "a range object with start and end")
            let start = try requiredInteger("start", in: range, at: memberPath)
            let end = try requiredInteger("end", in: range, at: memberPath)
            guard start < end else {
                throw error(at: memberPath,
                            "range start must be less than end (end is excluded), found start \(start) and end \(end)")
            }
            return .range(start..<end)
        }
    }

    private func queryParameterMatches(
        _ value: JSONValue, at path: JSONPath
    ) throws(RouteConfigError) -> [QueryParameterMatch] {
        var matches: [QueryParameterMatch] = []
        for (index, item) in try array(value, at: path, expected: "an array of query parameter matches").enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a query parameter match object")
            let name = try requiredString("name", in: fields, at: itemPath)
            var condition = QueryParameterMatch.Condition.present
            if let matchValue = fields["match"] {
                let matchPath = itemPath.appending("match")
                let matchFields = try object(matchValue, at: matchPath, expected: "a query parameter match object")
                if let exact = try optionalString("exact", in: matchFields, at: matchPath) { condition = .exact(exact) }
            }
            matches.append(QueryParameterMatch(name: name, condition: condition))
        }
        return matches
    }

    // MARK: Targets

    private func targets(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [RouteTarget] {
        let fields = try object(value, at: path, expected: "an action object")
        if let weighted = fields["weightedTargets"] {
            return try weightedTargets(weighted, at: path.appending("weightedTargets"))
        }
        guard let target = fields["target"] else {
            throw error(at: path, "action has no weightedTargets or target.virtualService.virtualServiceName")
        }
        let targetPath = path.appending("target")
        let targetFields = try object(target, at: targetPath, expected: "a target object")
        guard let service = targetFields["virtualService"] else {
            throw error(at: targetPath.appending("virtualService"),
                        "target has no virtualService: expected {\"virtualService\": {\"virtualServiceName\": \"…\"}}")
        }
        let servicePath = targetPath.appending("virtualService")
        let serviceFields = try object(service, at: servicePath, expected: "a virtual service object")
        return [RouteTarget(name: try requiredString("virtualServiceName", in: serviceFields, at: servicePath), weight: 1)]
    }

    private func weightedTargets(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [RouteTarget] {
        let items = try array(value, at: path, expected: "an array of weighted targets")
        guard !items.isEmpty else { throw error(at: path, "weightedTargets is empty: list at least one virtual node") }
        var targets: [RouteTarget] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "a weighted target object")
            targets.append(RouteTarget(
                name: try requiredString("virtualNode", in: fields, at: itemPath),
                weight: try requiredInteger("weight", in: fields, at: itemPath, within: 0...100)
            ))
        }
        let total = targets.reduce(0) { $0 + $1.weight }
        guard total <= 100 else {
            throw error(at: path, "weights add up to \(total); App Mesh requires the weights of a route's targets "
                + "to add up to at most 100")
        }
        return targets
    }
}

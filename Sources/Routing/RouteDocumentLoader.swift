import Foundation
import Yams

/// Reads route sources document by document, detects each document's kind and collects the routes.
///
/// A source is JSON (it starts with `{` or `[`) or YAML with any number of `---` documents. A document is
/// App Mesh route JSON (the shapes of ``RouteTable/init(appMeshJSON:source:)``), a Kubernetes object
/// recognised by `apiVersion` and `kind` (Gateway API, Istio, App Mesh controller, RouteLens), or a `List` of them
/// (`kubectl get -o yaml`). Resources that refer to others are decoded once every source is read. `EndpointSlice`s,
/// `Pod`s and `Service`s give the upstream hosts of the services route targets stand for (see ``KubernetesEndpoints``),
/// and apply to the routes of every source. Kubernetes objects of other kinds (Deployments, Gateways) are skipped,
/// so a directory of manifests can be read as is.
struct RouteDocumentLoader {
    private var routes: [Route] = []
    /// Istio `VirtualService`s wait for every `DestinationRule` of every source before they are decoded.
    private var virtualServices: [(KubernetesResource, Document)] = []
    private var destinationRuleSubsets: [String: IstioRouteDecoder.Subsets] = [:]
    /// App Mesh resources wait for every resource they may refer to.
    private var appMeshGatewayRoutes: [(KubernetesResource, Document)] = []
    private var appMeshRouters: [(KubernetesResource, Document)] = []
    private var appMeshServices: [String: (awsName: String, provider: AppMeshKubernetesDecoder.Provider?)] = [:]
    private var appMeshNodes: [String: AppMeshKubernetesDecoder.VirtualNode] = [:]
    /// App Mesh virtual nodes and services as the AWS CLI prints them, for the targets of App Mesh route JSON.
    private var appMeshAPIResources = AppMeshAPIResources()
    /// The hosts of Kubernetes Services, added to route targets once every source is read.
    private var endpoints = KubernetesEndpoints()
    /// What was read in part or guessed (see ``RouteConfigWarning``).
    private(set) var warnings: [RouteConfigWarning] = []
    /// With `collectingErrors`, a resource that cannot be resolved is left out and its error kept here.
    private(set) var errors: [RouteConfigError] = []
    let collectingErrors: Bool

    init(collectingErrors: Bool = false) {
        self.collectingErrors = collectingErrors
    }

    /// A reader for one document of one source.
    private struct Document: RouteDocumentReader {
        let source: String
        let document: Int?
    }

    /// The routes of every source loaded, resolving references between resources (across sources too), their targets'
    /// hosts extended by the endpoints of their Kubernetes services, and the warnings of loading and resolving.
    ///
    /// With ``collectingErrors`` a resource whose routes cannot be resolved is left out, its error added to `errors`.
    func resolvedRoutes() throws(RouteConfigError) -> (routes: [Route], warnings: [RouteConfigWarning], errors: [RouteConfigError]) {
        var resolved = appMeshAPIResources.resolving(routes)
        var warnings = warnings
        var errors = errors
        func attempt<Value>(_ body: () throws(RouteConfigError) -> Value) throws(RouteConfigError) -> Value? {
            do {
                return try body()
            } catch {
                guard collectingErrors else { throw error }
                errors.append(error)
                return nil
            }
        }
        var routerRoutes: [String: [Route]] = [:]
        for (resource, document) in appMeshRouters {
            guard let routes = try attempt({ () throws(RouteConfigError) in try decoder(for: document).routes(of: resource, nodes: appMeshNodes) }) else { continue }
            routerRoutes["\(resource.namespace)/\(resource.name)"] = routes
            resolved += routes
        }
        for (resource, document) in appMeshGatewayRoutes {
            guard let (route, guess) = try attempt({ () throws(RouteConfigError) in
                try decoder(for: document).route(of: resource, services: appMeshServices, routerRoutes: routerRoutes, nodes: appMeshNodes)
            }) else { continue }
            resolved.append(route)
            warnings += guess.map { [$0] } ?? []
        }
        for (resource, document) in virtualServices {
            resolved += try attempt({ () throws(RouteConfigError) in
                try IstioRouteDecoder(source: document.source, document: document.document).routes(of: resource, subsets: destinationRuleSubsets)
            }) ?? []
        }
        guard !endpoints.isEmpty else { return (resolved, warnings, errors) }
        var extended: [Route] = []
        for route in resolved {
            if let route = try attempt({ () throws(RouteConfigError) in try route.addingHosts(of: endpoints) }) { extended.append(route) }
        }
        resolved = extended
        return (resolved, warnings, errors)
    }

    mutating func load(_ data: Data, source: String) throws(RouteConfigError) {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw RouteConfigError(source: source, location: nil, problem: "not UTF-8 text; expected routes in JSON or YAML")
        }
        guard let first = text.first(where: { !$0.isWhitespace }) else {
            throw RouteConfigError(source: source, location: nil, problem: "the source is empty; expected routes in JSON or YAML")
        }
        if first == "{" || first == "[" {
            // `for n in …; do aws appmesh describe-virtual-node …; done > nodes.json` writes one JSON value after another.
            let values = Self.concatenatedJSONValues(data)
            if values.count > 1 {
                for (index, value) in values.enumerated() {
                    let document = Document(source: source, document: index + 1)
                    try load(AppMeshRouteDecoder(source: source, document: index + 1).parse(value), at: .root, in: document)
                }
                return
            }
            let value = try AppMeshRouteDecoder(source: source, document: nil).parse(data)
            try load(value, at: .root, in: Document(source: source, document: nil))
            return
        }
        var index = 0
        for node in try yamlDocuments(text, source: source) {
            index += 1
            try load(JSONValue(yaml: node), at: .root, in: Document(source: source, document: index))
        }
    }

    /// The top-level JSON objects and arrays of `data` when it holds one after another, split where each one's brackets
    /// close; a single value, or text that does not split cleanly, is returned whole for the parser to judge.
    /// Hand-written: Foundation's JSON parsers read exactly one value.
    static func concatenatedJSONValues(_ data: Data) -> [Data] {
        var values: [Data] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: Data.Index?
        for index in data.indices {
            let byte = data[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 { start = index }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0, let first = start {
                    values.append(data[first...index])
                    start = nil
                } else if depth < 0 {
                    return [data]
                }
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                if depth == 0 { return [data] }
            }
        }
        return depth == 0 && !inString ? values : [data]
    }

    /// Parses every document before any is decoded, so a syntax error anywhere is reported first, with its line.
    private func yamlDocuments(_ text: String, source: String) throws(RouteConfigError) -> [Node] {
        do {
            let parser = try Parser(yaml: text)
            var nodes: [Node] = []
            while let node = try parser.nextRoot() { nodes.append(node) }
            return nodes
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                throw RouteConfigError(
                    source: source, location: .text(line: mark.line, column: mark.column, byteOffset: nil),
                    problem: "not valid YAML: \(problem)"
                )
            default:
                throw RouteConfigError(source: source, location: nil, problem: "not valid YAML: \(error)")
            }
        } catch {
            throw RouteConfigError(source: source, location: nil, problem: "not valid YAML: \(error)")
        }
    }

    private mutating func load(_ value: JSONValue, at path: JSONPath, in document: Document) throws(RouteConfigError) {
        switch value {
        case .null:
            return
        case .object(let fields):
            guard let type = try KubernetesResource.type(of: fields, at: path, reader: document) else { break }
            try load(fields, type: type, at: path, in: document)
            return
        case .array(let items) where items.contains(where: { if case .object(let fields) = $0 { AppMeshAPIResources.isResource(fields) } else { false } }):
            // `describe-virtual-node` outputs collected in one array, possibly beside routes.
            for (index, item) in items.enumerated() {
                try load(item, at: path.appending(index: index), in: document)
            }
            return
        default:
            break
        }
        if case .object(let fields) = value, AppMeshAPIResources.isResource(fields) {
            try appMeshAPIResources.add(fields, at: path, reader: document)
            return
        }
        routes += try AppMeshRouteDecoder(source: document.source, document: document.document).routes(in: value, at: path)
    }

    private mutating func load(
        _ fields: [String: JSONValue], type: (group: String, kind: String), at path: JSONPath, in document: Document
    ) throws(RouteConfigError) {
        func resource() throws(RouteConfigError) -> KubernetesResource {
            try KubernetesResource(fields, type: type, at: path, reader: document)
        }
        let endpointsDecoder = KubernetesEndpointsDecoder(source: document.source, document: document.document)
        switch type {
        case (_, let kind) where kind.hasSuffix("List"):
            let itemsPath = path.appending("items")
            guard let items = fields["items"] else {
                throw document.error(at: itemsPath, "a \(kind) needs items: the objects it lists")
            }
            for (index, item) in try document.array(items, at: itemsPath, expected: "an array of objects").enumerated() {
                try load(item, at: itemsPath.appending(index: index), in: document)
            }
        case ("gateway.networking.k8s.io", "HTTPRoute"), ("gateway.networking.k8s.io", "GRPCRoute"):
            routes += try GatewayAPIRouteDecoder(source: document.source, document: document.document).routes(of: resource())
        case ("networking.istio.io", "VirtualService"):
            let resource = try resource()
            virtualServices.append((resource, document))
            warnings += IstioRouteDecoder(source: document.source, document: document.document).unreadRoutes(of: resource)
        case ("networking.istio.io", "DestinationRule"):
            let (host, subsets) = try IstioRouteDecoder(source: document.source, document: document.document).subsets(of: resource())
            destinationRuleSubsets[host] = subsets
        case ("routelens.io", "Routes"):
            routes += try RouteLensRouteDecoder(source: document.source, document: document.document).routes(of: resource())
        case ("appmesh.k8s.aws", "GatewayRoute"):
            appMeshGatewayRoutes.append((try resource(), document))
        case ("appmesh.k8s.aws", "VirtualRouter"):
            let resource = try resource()
            appMeshRouters.append((resource, document))
            warnings += decoder(for: document).unreadRoutes(of: resource)
        case ("appmesh.k8s.aws", "VirtualService"):
            let resource = try resource()
            let decoder = decoder(for: document)
            appMeshServices["\(resource.namespace)/\(resource.name)"] = (
                try decoder.awsName(of: resource, separator: "."), try decoder.provider(of: resource)
            )
        case ("appmesh.k8s.aws", "VirtualNode"):
            let resource = try resource()
            appMeshNodes["\(resource.namespace)/\(resource.name)"] = try decoder(for: document).virtualNode(of: resource)
        case ("discovery.k8s.io", "EndpointSlice"):
            try endpointsDecoder.add(slice: resource(), to: &endpoints)
        case ("", "Pod"):
            try endpointsDecoder.add(pod: fields, type: type, at: path, to: &endpoints)
        case ("", "Service"):
            try endpointsDecoder.add(service: fields, type: type, at: path, to: &endpoints)
        default:
            break
        }
    }

    private func decoder(for document: Document) -> AppMeshKubernetesDecoder {
        AppMeshKubernetesDecoder(source: document.source, document: document.document)
    }
}

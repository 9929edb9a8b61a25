/// App Mesh virtual nodes and virtual services as the AWS API prints them, read beside App Mesh route JSON so that
/// route targets are attributed by upstream host.
///
/// Reads, in one JSON document or an array of them:
/// - `aws appmesh describe-virtual-node` output, `{"virtualNode": {"meshName", "virtualNodeName", "spec": …}}`, and
///   the `VirtualNodeData` / `create-virtual-node --cli-input-json` object inside it;
/// - `aws appmesh describe-virtual-service` output, `{"virtualService": {"virtualServiceName", "spec": {"provider": …}}}`;
/// - `list-virtual-nodes` / `list-virtual-services` output (`{"virtualNodes": [...]}`), whose entries are references
///   without a `spec` and teach nothing, so they are skipped; list then describe each to give RouteLens the specs.
///
/// A node's [`serviceDiscovery`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_ServiceDiscovery.html)
/// `dns.hostname` names the Kubernetes Service it stands for (a name without a namespace in `default`), and
/// `awsCloudMap` `serviceName`.`namespaceName` likewise; `EndpointSlice`s read with the routes then give its hosts.
struct AppMeshAPIResources {
    /// A virtual node: the Service its service discovery names, by mesh (`nil` when the JSON does not name it).
    struct Node {
        let mesh: String?
        let name: String
        let service: RouteTarget.Service?
    }

    /// A virtual service and the node or router that provides it.
    struct Service {
        enum Provider {
            case virtualNode(String)
            case virtualRouter(String)
        }

        let mesh: String?
        let name: String
        let provider: Provider?
    }

    private(set) var nodes: [Node] = []
    private(set) var services: [Service] = []

    /// Whether `fields` is a virtual node, virtual service or a list of them, rather than a route.
    static func isResource(_ fields: [String: JSONValue]) -> Bool {
        if fields["routeName"] != nil || fields["gatewayRouteName"] != nil { return false }
        return ["virtualNode", "virtualNodeName", "virtualNodes", "virtualService", "virtualServiceName", "virtualServices"]
            .contains { fields[$0] != nil }
    }

    mutating func add(_ fields: [String: JSONValue], at path: JSONPath, reader: some RouteDocumentReader) throws(RouteConfigError) {
        for key in ["virtualNodes", "virtualServices"] {
            guard let list = fields[key] else { continue }
            let listPath = path.appending(key)
            for (index, item) in try reader.array(list, at: listPath, expected: "an array of \(key)").enumerated() {
                let itemPath = listPath.appending(index: index)
                let entry = try reader.object(item, at: itemPath, expected: "a \(key) entry")
                // `list-…` entries are references (name, mesh, arn) without a spec: nothing to learn from them.
                if entry["spec"] != nil || entry["virtualNode"] != nil || entry["virtualService"] != nil {
                    try add(entry, at: itemPath, reader: reader)
                }
            }
            return
        }
        if let described = fields["virtualNode"] {
            let describedPath = path.appending("virtualNode")
            try addNode(try reader.object(described, at: describedPath, expected: "a virtual node object"), at: describedPath, reader: reader)
        } else if let described = fields["virtualService"] {
            let describedPath = path.appending("virtualService")
            try addService(try reader.object(described, at: describedPath, expected: "a virtual service object"), at: describedPath, reader: reader)
        } else if fields["virtualNodeName"] != nil {
            try addNode(fields, at: path, reader: reader)
        } else {
            try addService(fields, at: path, reader: reader)
        }
    }

    private mutating func addNode(_ fields: [String: JSONValue], at path: JSONPath, reader: some RouteDocumentReader) throws(RouteConfigError) {
        let name = try reader.requiredString("virtualNodeName", in: fields, at: path)
        let mesh = try reader.optionalString("meshName", in: fields, at: path)
        var host: String?
        if let spec = fields["spec"] {
            let specPath = path.appending("spec")
            let specFields = try reader.object(spec, at: specPath, expected: "a virtual node spec")
            if let discovery = specFields["serviceDiscovery"] {
                let discoveryPath = specPath.appending("serviceDiscovery")
                let discoveryFields = try reader.object(discovery, at: discoveryPath, expected: "a serviceDiscovery object with dns or awsCloudMap")
                if let dns = discoveryFields["dns"] {
                    let dnsPath = discoveryPath.appending("dns")
                    host = try reader.requiredString("hostname", in: try reader.object(dns, at: dnsPath, expected: "a dns object with a hostname"), at: dnsPath)
                } else if let cloudMap = discoveryFields["awsCloudMap"] {
                    let cloudMapPath = discoveryPath.appending("awsCloudMap")
                    let cloudMapFields = try reader.object(cloudMap, at: cloudMapPath, expected: "an awsCloudMap object with namespaceName and serviceName")
                    host = "\(try reader.requiredString("serviceName", in: cloudMapFields, at: cloudMapPath))."
                        + (try reader.requiredString("namespaceName", in: cloudMapFields, at: cloudMapPath))
                }
            }
        }
        nodes.append(Node(mesh: mesh, name: name, service: host.map {
            RouteTarget.Service(host: KubernetesEndpoints.qualifiedServiceHost($0.lowercased(), namespace: "default"), subset: nil, port: nil)
        }))
    }

    private mutating func addService(_ fields: [String: JSONValue], at path: JSONPath, reader: some RouteDocumentReader) throws(RouteConfigError) {
        let name = try reader.requiredString("virtualServiceName", in: fields, at: path)
        var provider: Service.Provider?
        if case .object(let spec)? = fields["spec"], let providerValue = spec["provider"] {
            let providerPath = path.appending("spec").appending("provider")
            let providerFields = try reader.object(providerValue, at: providerPath, expected: "a provider with virtualNode or virtualRouter")
            let (key, member) = try reader.singleMember(of: ["virtualNode", "virtualRouter"], in: providerFields, at: providerPath)
            let memberFields = try reader.object(member, at: providerPath.appending(key), expected: "a \(key) provider")
            let providerName = try reader.requiredString("\(key)Name", in: memberFields, at: providerPath.appending(key))
            provider = key == "virtualNode" ? .virtualNode(providerName) : .virtualRouter(providerName)
        }
        services.append(Service(mesh: try reader.optionalString("meshName", in: fields, at: path), name: name, provider: provider))
    }

    /// `routes` with the App Mesh JSON routes' targets resolved through the nodes and services read: a virtual node
    /// target takes the Service its node discovers, and a gateway route's virtual service target becomes its provider
    /// node, or the weighted nodes of its provider router when the router has one route.
    func resolving(_ routes: [Route]) -> [Route] {
        guard !nodes.isEmpty || !services.isEmpty else { return routes }
        let withNodes = routes.map { route in route.kind == .route ? resolvingNodes(of: route) : route }
        return withNodes.map { route in
            guard route.kind == .gatewayRoute, route.targets.count == 1, let service = find(services, route.targets[0].name, mesh: route.mesh),
                  let provider = service.provider
            else { return route }
            let targets: [RouteTarget]
            switch provider {
            case .virtualNode(let node):
                targets = [target(node: node, weight: 1, mesh: route.mesh)]
            case .virtualRouter(let router):
                let routerRoutes = withNodes.filter { $0.kind == .route && $0.scope == "virtualrouter/\(router)" && ($0.mesh == nil || route.mesh == nil || $0.mesh == route.mesh) }
                guard routerRoutes.count == 1 else { return route }
                targets = routerRoutes[0].targets
            }
            return route.replacingTargets(targets)
        }
    }

    private func resolvingNodes(of route: Route) -> Route {
        guard route.targets.contains(where: { $0.service == nil && find(nodes, $0.name, mesh: route.mesh) != nil }) else { return route }
        return route.replacingTargets(route.targets.map { $0.service == nil ? target(node: $0.name, weight: $0.weight, mesh: route.mesh) : $0 })
    }

    private func target(node name: String, weight: Int, mesh: String?) -> RouteTarget {
        RouteTarget(name: name, weight: weight, service: find(nodes, name, mesh: mesh)?.service)
    }

    /// The resource named `name` in `mesh`; one whose mesh either side leaves unknown matches any.
    private func find<Resource>(_ resources: [Resource], _ name: String, mesh: String?) -> Resource? where Resource: AppMeshNamed {
        resources.first { $0.name == name && ($0.mesh == nil || mesh == nil || $0.mesh == mesh) }
    }
}

/// A named App Mesh resource of a mesh.
protocol AppMeshNamed {
    var mesh: String? { get }
    var name: String { get }
}

extension AppMeshAPIResources.Node: AppMeshNamed {}
extension AppMeshAPIResources.Service: AppMeshNamed {}

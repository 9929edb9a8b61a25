/// Reads the App Mesh controller's Kubernetes resources (`appmesh.k8s.aws/v1beta2`) into ``Route`` values.
///
/// A `VirtualRouter`'s `spec.routes[]` become routes of kind ``Route/Kind/route`` whose targets are the
/// virtual nodes of `action.weightedTargets[].virtualNodeRef`; a `GatewayRoute` becomes a route of kind
/// ``Route/Kind/gatewayRoute`` resolved through the chain gateway route → `VirtualService` → `VirtualRouter` →
/// weighted virtual nodes. Names are the ones the controller gives the App Mesh resources
/// ([aws-app-mesh-controller-for-k8s](https://github.com/aws/aws-app-mesh-controller-for-k8s)): `spec.awsName`, by
/// default `<name>_<namespace>` for virtual nodes, routers and gateway routes and `<name>.<namespace>` for
/// virtual services; virtual nodes appear under that name in Envoy's `cds_egress_<mesh>_<node>_<protocol>_<port>` clusters.
/// A virtual node with DNS service discovery stands for the Kubernetes Service its hostname names: Envoy sends its
/// requests to the address the name resolves to, the Service's cluster IP, or its pods' addresses for a headless
/// Service. Nodes discovered through AWS Cloud Map stand for no Kubernetes Service.
struct AppMeshKubernetesDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    /// The App Mesh name a resource gets: `spec.awsName`, else `<name><separator><namespace>`.
    func awsName(of resource: KubernetesResource, separator: String) throws(RouteConfigError) -> String {
        let specPath = resource.path.appending("spec")
        let spec = try object(resource.fields["spec"] ?? .object([:]), at: specPath, expected: "a spec object")
        return try optionalString("awsName", in: spec, at: specPath) ?? "\(resource.name)\(separator)\(resource.namespace)"
    }

    /// A `VirtualNode` as route targets name it: its App Mesh name, and the Kubernetes service its DNS service
    /// discovery names (`spec.serviceDiscovery.dns.hostname`), whose endpoints and cluster IP are its upstream hosts.
    struct VirtualNode {
        let awsName: String
        let service: RouteTarget.Service?

        /// The node a reference names when its `VirtualNode` was not read: the controller's `<name>_<namespace>`.
        init(reference key: String) {
            awsName = key.split(separator: "/").reversed().joined(separator: "_")
            service = nil
        }

        init(awsName: String, service: RouteTarget.Service?) {
            self.awsName = awsName
            self.service = service
        }

        func target(weight: Int) -> RouteTarget {
            RouteTarget(name: awsName, weight: weight, service: service)
        }
    }

    func virtualNode(of resource: KubernetesResource) throws(RouteConfigError) -> VirtualNode {
        let specPath = resource.path.appending("spec")
        let spec = try object(resource.fields["spec"] ?? .object([:]), at: specPath, expected: "a spec object")
        var service: RouteTarget.Service?
        if let discovery = spec["serviceDiscovery"] {
            let discoveryPath = specPath.appending("serviceDiscovery")
            let fields = try object(discovery, at: discoveryPath, expected: "a serviceDiscovery object with dns or awsCloudMap")
            if let dns = fields["dns"] {
                let dnsPath = discoveryPath.appending("dns")
                let hostname = try requiredString("hostname", in: try object(dns, at: dnsPath, expected: "a dns object with a hostname"), at: dnsPath)
                service = RouteTarget.Service(
                    host: KubernetesEndpoints.qualifiedServiceHost(hostname, namespace: resource.namespace), subset: nil, port: nil
                )
            }
        }
        return VirtualNode(awsName: try awsName(of: resource, separator: "_"), service: service)
    }

    /// What provides a `VirtualService`: a virtual node or a virtual router, by `<namespace>/<name>` key.
    enum Provider {
        case virtualNode(String)
        case virtualRouter(String)
    }

    /// `nil` for a virtual service without a provider, which App Mesh allows while its backends are set up.
    func provider(of resource: KubernetesResource) throws(RouteConfigError) -> Provider? {
        let providerPath = resource.path.appending("spec").appending("provider")
        let spec = try object(resource.fields["spec"] ?? .null, at: resource.path.appending("spec"), expected: "a VirtualService spec")
        guard let providerValue = spec["provider"] else { return nil }
        let provider = try object(providerValue, at: providerPath, expected: "a provider with virtualNode or virtualRouter")
        let (key, member) = try singleMember(of: ["virtualNode", "virtualRouter"], in: provider, at: providerPath)
        let memberPath = providerPath.appending(key)
        let reference = try self.reference(
            in: try object(member, at: memberPath, expected: "a \(key) provider object"),
            key: "\(key)Ref", at: memberPath, namespace: resource.namespace
        )
        return key == "virtualNode" ? .virtualNode(reference) : .virtualRouter(reference)
    }

    /// The HTTP, HTTP/2 and gRPC routes of a `VirtualRouter`; `nodes` are the `VirtualNode`s read, by
    /// `<namespace>/<name>`. TCP routes are skipped: they have no HTTP attributes to match.
    func routes(of router: KubernetesResource, nodes: [String: VirtualNode]) throws(RouteConfigError) -> [Route] {
        let specPath = router.path.appending("spec")
        let spec = try object(router.fields["spec"] ?? .null, at: specPath, expected: "a VirtualRouter spec with routes")
        let mesh = try meshName(in: spec, at: specPath)
        guard let routesValue = spec["routes"] else { return [] }
        let routesPath = specPath.appending("routes")
        var routes: [Route] = []
        for (index, item) in try array(routesValue, at: routesPath, expected: "an array of routes").enumerated() {
            let routePath = routesPath.appending(index: index)
            let fields = try object(item, at: routePath, expected: "a route object")
            guard fields["tcpRoute"] == nil else { continue }  // The loader warns about these.
            let (protocolKey, routeFields) = try protocolRoute(in: fields, at: routePath)
            let actionPath = routePath.appending(protocolKey).appending("action")
            let action = try object(routeFields["action"] ?? .null, at: actionPath, expected: "an action with weightedTargets")
            let targetsPath = actionPath.appending("weightedTargets")
            var targets: [RouteTarget] = []
            for (targetIndex, target) in try array(action["weightedTargets"] ?? .null, at: targetsPath, expected: "an array of weighted targets").enumerated() {
                let targetPath = targetsPath.appending(index: targetIndex)
                let targetFields = try object(target, at: targetPath, expected: "a weighted target object")
                targets.append(try node(in: targetFields, at: targetPath, namespace: router.namespace, nodes: nodes).target(
                    weight: try requiredInteger("weight", in: targetFields, at: targetPath, within: 0...100)
                ))
            }
            routes.append(Route(
                name: try requiredString("name", in: fields, at: routePath),
                platform: .appMesh(mesh: mesh),
                kind: .route,
                priority: try optionalInteger("priority", in: fields, at: routePath, within: 0...1000),
                matches: [try match(in: routeFields, protocolKey: protocolKey, at: routePath.appending(protocolKey))],
                targets: targets,
                loggedNames: [],
                origin: origin(of: routePath.appending("name")),
                // App Mesh requires route names to be unique within one virtual router only.
                scope: "virtualrouter/\(try awsName(of: router, separator: "_"))"
            ))
        }
        return routes
    }

    /// Warnings for a `VirtualRouter`'s `tcpRoute`s, which RouteLens does not read: connections carry no method,
    /// path or authority to match.
    func unreadRoutes(of router: KubernetesResource) -> [RouteConfigWarning] {
        guard case .object(let spec)? = router.fields["spec"], case .array(let routes)? = spec["routes"] else { return [] }
        let routesPath = router.path.appending("spec").appending("routes")
        return routes.enumerated().compactMap { index, item in
            guard case .object(let fields) = item, fields["tcpRoute"] != nil else { return nil }
            return RouteConfigWarning(
                source: source, location: error(at: routesPath.appending(index: index).appending("tcpRoute"), "").location?.description,
                message: "TCP route of VirtualRouter \(router.namespace)/\(router.name) not read: RouteLens attributes HTTP requests only"
            )
        }
    }

    /// A `GatewayRoute`, its targets resolved through its virtual service: the provider node, or the weighted nodes
    /// of a provider router with one route. Otherwise (a router with several routes, each with its own split, a
    /// service without a provider, or one not among the resources read) the target is the virtual service itself,
    /// as in App Mesh's own API.
    func route(
        of gatewayRoute: KubernetesResource, services: [String: (awsName: String, provider: Provider?)],
        routerRoutes: [String: [Route]], nodes: [String: VirtualNode]
    ) throws(RouteConfigError) -> (route: Route, guess: RouteConfigWarning?) {
        let specPath = gatewayRoute.path.appending("spec")
        let spec = try object(gatewayRoute.fields["spec"] ?? .null, at: specPath, expected: "a GatewayRoute spec")
        let (protocolKey, routeFields) = try protocolRoute(in: spec, at: specPath)
        let routePath = specPath.appending(protocolKey)
        let servicePath = routePath.appending("action").appending("target").appending("virtualService")
        let action = try object(routeFields["action"] ?? .null, at: routePath.appending("action"), expected: "an action with a target")
        let target = try object(action["target"] ?? .null, at: routePath.appending("action").appending("target"), expected: "a target with a virtualService")
        let serviceKey = try reference(
            in: try object(target["virtualService"] ?? .null, at: servicePath, expected: "a virtualService object"),
            key: "virtualServiceRef", at: servicePath, namespace: gatewayRoute.namespace
        )
        let targets: [RouteTarget] = switch services[serviceKey] {
        case (_, .virtualNode(let node)?)?:
            [(nodes[node] ?? VirtualNode(reference: node)).target(weight: 1)]
        case (_, .virtualRouter(let router)?)? where routerRoutes[router]?.count == 1:
            routerRoutes[router]?.first?.targets ?? []
        case (let awsName, _)?:
            [RouteTarget(name: awsName, weight: 1)]
        case nil:
            [RouteTarget(name: serviceKey.split(separator: "/").reversed().joined(separator: "."), weight: 1)]
        }
        let guess: RouteConfigWarning? = services[serviceKey] != nil ? nil : RouteConfigWarning(
            source: source, location: error(at: servicePath, "").location?.description,
            message: "VirtualService \(serviceKey) was not read, so the target \(targets.first?.name ?? "") is guessed from its "
                + "name and its split, if any, is unknown; read the file that defines it (and its VirtualRouter) with this one"
        )
        let route = Route(
            name: try awsName(of: gatewayRoute, separator: "_"),
            platform: .appMesh(mesh: try meshName(in: spec, at: specPath)),
            kind: .gatewayRoute,
            priority: try optionalInteger("priority", in: spec, at: specPath, within: 0...1000),
            matches: [try match(in: routeFields, protocolKey: protocolKey, at: routePath)],
            targets: targets,
            loggedNames: [],
            origin: origin(of: gatewayRoute.path.appending("metadata").appending("name"))
        )
        return (route, guess)
    }

    // MARK: Parts

    /// `<namespace>/<name>` of a `virtualNodeRef`-style reference, its namespace defaulting to the referrer's.
    private func reference(
        in fields: [String: JSONValue], key: String, at path: JSONPath, namespace: String
    ) throws(RouteConfigError) -> String {
        let referencePath = path.appending(key)
        guard let value = fields[key] else { throw error(at: referencePath, "missing \(key): expected {name: …}") }
        let reference = try object(value, at: referencePath, expected: "a reference with a name")
        let name = try requiredString("name", in: reference, at: referencePath)
        return "\(try optionalString("namespace", in: reference, at: referencePath) ?? namespace)/\(name)"
    }

    private func node(
        in fields: [String: JSONValue], at path: JSONPath, namespace: String, nodes: [String: VirtualNode]
    ) throws(RouteConfigError) -> VirtualNode {
        let key = try reference(in: fields, key: "virtualNodeRef", at: path, namespace: namespace)
        return nodes[key] ?? VirtualNode(reference: key)
    }

    private func meshName(in spec: [String: JSONValue], at path: JSONPath) throws(RouteConfigError) -> String? {
        guard let meshRef = spec["meshRef"] else { return nil }
        return try requiredString("name", in: try object(meshRef, at: path.appending("meshRef"), expected: "a mesh reference"), at: path.appending("meshRef"))
    }

    private func protocolRoute(
        in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> (String, [String: JSONValue]) {
        let (key, value) = try singleMember(of: ["httpRoute", "http2Route", "grpcRoute"], in: fields, at: path)
        return (key, try object(value, at: path.appending(key), expected: "a route object"))
    }

    private func match(in route: [String: JSONValue], protocolKey: String, at path: JSONPath) throws(RouteConfigError) -> RequestMatch {
        guard let match = route["match"] else {
            throw error(at: path.appending("match"), "route has no match: add one, e.g. match: {prefix: /}")
        }
        let decoder = AppMeshRouteDecoder(source: source, document: document)
        return protocolKey == "grpcRoute"
            ? try decoder.grpcMatch(match, at: path.appending("match"))
            : try decoder.httpMatch(match, at: path.appending("match"))
    }
}

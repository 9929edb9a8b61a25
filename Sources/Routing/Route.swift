/// A route: what requests it matches and where it sends them, from any of the supported platforms.
///
/// Built by ``RouteTable/init(appMeshJSON:source:)`` from App Mesh
/// [`GatewayRouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteData.html) or
/// [`RouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteData.html) shaped JSON, and by
/// ``RouteTable/init(documents:source:)`` from that JSON and from Kubernetes resources in YAML or JSON:
/// one route per Gateway API `HTTPRoute`/`GRPCRoute` rule, per Istio `VirtualService` HTTP route, and per
/// App Mesh `GatewayRoute`/`VirtualRouter` route.
package struct Route: Sendable, Equatable {
    /// Which resource the route was defined as.
    package enum Kind: String, Sendable, Equatable {
        /// An App Mesh gateway route of a virtual gateway (`gatewayRouteName`, or a `GatewayRoute` resource).
        case gatewayRoute
        /// An App Mesh route of a virtual router (`routeName`, or a `VirtualRouter` resource's `spec.routes[]`).
        case route
        /// A rule of a Gateway API `HTTPRoute`.
        case httpRoute
        /// A rule of a Gateway API `GRPCRoute`.
        case grpcRoute
        /// An `http[]` route of an Istio `VirtualService`.
        case virtualServiceHTTPRoute
        /// A route of a RouteLens `Routes` file.
        case routeLensRoute
    }

    /// The proxy that runs the route; it decides how logged route names and upstream clusters name routes and targets.
    package enum Platform: Sendable, Equatable {
        /// AWS App Mesh: `%ROUTE_NAME%` is the route name; clusters are `cds_egress_<mesh>_<virtualNode>_<protocol>_<port>`.
        /// `mesh` is `nil` for a Kubernetes resource that does not name its mesh; its clusters then match any mesh.
        case appMesh(mesh: String?)
        /// [Envoy Gateway](https://gateway.envoyproxy.io) serving a Gateway API rule: `%ROUTE_NAME%` is
        /// `<rule route name>/match/<j>/<hostname with _ for .>`, and the cluster is the rule's route name.
        case envoyGateway(GatewayAPIRule)
        /// Istio: `%ROUTE_NAME%` is the `http[].name`, or `<name>.<match name>`; clusters are
        /// `outbound|<port>|<subset>|<fqdn>` ([Istio proxy config](https://istio.io/latest/docs/ops/diagnostic-tools/proxy-cmd/)).
        case istio
        /// Any proxy, described by a RouteLens `Routes` file: `%ROUTE_NAME%` is the route name, and each target
        /// lists the clusters and upstream hosts that mean it.
        case routeLens
    }

    /// The Gateway API resource a rule belongs to, for the spec's tie-breaks between routes.
    package struct GatewayAPIRule: Sendable, Equatable {
        package let namespace: String
        package let name: String
        /// `metadata.creationTimestamp` in seconds since 1970, when the resource records it (`kubectl get` output does).
        package let createdAt: Int?
    }

    /// Where a route was defined, for messages such as duplicate-name errors.
    package struct Origin: Sendable, Equatable, CustomStringConvertible {
        /// The source name passed to the loader, usually a file name.
        package let source: String
        /// The JSON path of the route's name inside that source, e.g. `$[2].gatewayRouteName`, or for a YAML
        /// source the document (counted from 1) and path, e.g. `document 2: spec.rules[1]`.
        package let jsonPath: String

        package var description: String { "\(source) at \(jsonPath)" }
    }

    /// The name the route is reported under, unique in a table: the App Mesh `gatewayRouteName`/`routeName`,
    /// the Gateway API rule `httproute/<namespace>/<name>/rule/<index>`, the Istio `http[].name`.
    package let name: String
    package let platform: Platform
    package let kind: Kind
    /// The App Mesh priority, 0 (matched first) … 1000, or `nil` when unset; unset routes are matched after set ones.
    package let priority: Int?
    /// The alternatives a request may satisfy, never empty: App Mesh routes have one; a Gateway API rule has
    /// one per match and hostname, an Istio route one per match and host.
    package let matches: [RequestMatch]
    /// The destinations in definition order; empty only for a rule that forwards nowhere, such as a redirect.
    package let targets: [RouteTarget]
    /// Other names the proxy logs as `%ROUTE_NAME%` for this route, such as Istio's `<name>.<match name>`.
    package let loggedNames: [String]
    package let origin: Origin
    /// Where the platform requires route names to be unique, such as `virtualservice/<namespace>/<name>` (Istio: within
    /// one `VirtualService`) or `virtualrouter/<name>` (App Mesh: within one virtual router); `nil` where names are
    /// unique by construction. Two routes of one name in different scopes are both kept, named `<scope>/<name>`.
    package var scope: String? = nil

    /// The first of ``matches``: the only one of an App Mesh route.
    package var match: RequestMatch { matches[0] }

    /// Whether the route splits between two or more targets whose weights are all 0: kept where the platform allows it
    /// (Gateway API answers such a rule with 500s), but its split has no share to test.
    package var hasZeroWeightSplit: Bool {
        targets.count > 1 && targets.allSatisfy { $0.weight == 0 }
    }

    /// This route reported as `<scope>/<name>`, still answering to its own name (and logged names) as the proxy logs it.
    func qualifiedByScope() -> Route {
        guard let scope else { return self }
        var route = Route(
            name: "\(scope)/\(name)", platform: platform, kind: kind, priority: priority, matches: matches, targets: targets,
            loggedNames: [name] + loggedNames, origin: origin
        )
        route.scope = scope
        return route
    }

    /// This route with other targets, as resolving references between resources gives them.
    func replacingTargets(_ targets: [RouteTarget]) -> Route {
        var route = Route(
            name: name, platform: platform, kind: kind, priority: priority, matches: matches, targets: targets,
            loggedNames: loggedNames, origin: origin
        )
        route.scope = scope
        return route
    }

    /// The App Mesh mesh name, or `nil` for other platforms and for App Mesh resources that do not name it.
    package var mesh: String? {
        if case .appMesh(let mesh) = platform { mesh } else { nil }
    }
}

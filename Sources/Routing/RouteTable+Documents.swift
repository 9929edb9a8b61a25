package import Foundation

extension RouteTable {
    /// Decodes routes from JSON or YAML, detecting each document's kind.
    ///
    /// Reads, in any mix:
    /// - App Mesh route JSON, in every shape ``init(appMeshJSON:source:)`` accepts;
    /// - Gateway API [`HTTPRoute`](https://gateway-api.sigs.k8s.io/api-types/httproute/) and
    ///   [`GRPCRoute`](https://gateway-api.sigs.k8s.io/api-types/grpcroute/) resources: one route per rule, named
    ///   `httproute/<namespace>/<name>/rule/<index>` as Envoy Gateway names its clusters;
    /// - Istio [`VirtualService`](https://istio.io/latest/docs/reference/config/networking/virtual-service/) resources:
    ///   one route per `http` route, named by its `name`, with each destination's subset checked against the
    ///   [`DestinationRule`](https://istio.io/latest/docs/reference/config/networking/destination-rule/)s read with it;
    /// - App Mesh controller resources (`appmesh.k8s.aws/v1beta2`): `VirtualRouter` routes with their weighted
    ///   `VirtualNode`s, and `GatewayRoute`s resolved through `VirtualService` and `VirtualRouter` to those nodes, named
    ///   `<name>_<namespace>` as the controller names them in App Mesh (see ``AppMeshKubernetesDecoder``);
    /// - RouteLens's own `routelens.io/v1` `Routes` files, for any other proxy (see ``RouteLensRouteDecoder``);
    /// - Kubernetes [`EndpointSlice`](https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/)s,
    ///   `Pod`s and `Service`s (`kubectl get endpointslices,pods,services -A -o yaml`): not routes, but the upstream hosts of
    ///   the Services that route targets of every kind stand for, so requests are attributed by `%UPSTREAM_HOST%` when the
    ///   log names no cluster; Pods give the labels Istio subsets select by (see ``KubernetesEndpoints``);
    /// - several YAML documents separated by `---`, and `List` objects (`kubectl get -o yaml`) of any of these.
    ///
    /// Kubernetes objects of other kinds are skipped, so a directory of manifests can be read as is.
    ///
    /// ```swift
    /// let table = try RouteTable(documents: Data("""
    ///     apiVersion: gateway.networking.k8s.io/v1
    ///     kind: HTTPRoute
    ///     metadata: {name: foo-route}
    ///     spec:
    ///       rules:
    ///       - backendRefs: [{name: foo-v1, port: 8080, weight: 90}, {name: foo-v2, port: 8080, weight: 10}]
    ///     """.utf8), source: "routes.yaml")
    /// ```
    ///
    /// - Parameters:
    ///   - data: JSON (starting with `{` or `[`) or YAML text, UTF-8.
    ///   - source: the name used in errors and in ``Route/origin``, usually the file name.
    /// - Throws: ``RouteConfigError`` naming `source`, the document (counted from 1) and the path inside it, e.g.
    ///   `routes.yaml: document 2: spec.rules[0].backendRefs[1].weight: weight must be an integer 0…1000000, found -1`;
    ///   in JSON the JSON path; in malformed text the line and column.
    package init(documents data: Data, source: String) throws(RouteConfigError) {
        try self.init(documents: [(data, source)])
    }

    /// Decodes several sources as one set of documents, so that resources refer to each other across sources:
    /// an Istio `VirtualService` in one file and its `DestinationRule` in another.
    ///
    /// - Throws: ``RouteConfigError`` as ``init(documents:source:)`` does, and when a route name appears twice.
    package init(documents sources: [(data: Data, source: String)]) throws(RouteConfigError) {
        var loader = RouteDocumentLoader()
        for (data, source) in sources {
            try loader.load(data, source: source)
        }
        let resolved = try loader.resolvedRoutes()
        try self.init(resolved.routes, warnings: resolved.warnings)
    }

    /// Decodes several sources as ``init(documents:)`` does, but goes on past a source or resource it cannot read:
    /// that one is left out and its error returned, so one bad file does not hide the problems of the others.
    ///
    /// - Returns: the table of everything readable (`nil` when the readable routes themselves conflict, such as two of
    ///   one name) and every error, in source order.
    package static func checking(_ sources: [(data: Data, source: String)]) -> (table: RouteTable?, errors: [RouteConfigError]) {
        var loader = RouteDocumentLoader(collectingErrors: true)
        var errors: [RouteConfigError] = []
        for (data, source) in sources {
            // A source either loads whole or not at all: a copy taken before it is restored on failure.
            let before = loader
            do {
                try loader.load(data, source: source)
            } catch {
                loader = before
                errors.append(error)
            }
        }
        let resolved: (routes: [Route], warnings: [RouteConfigWarning], errors: [RouteConfigError])
        do {
            resolved = try loader.resolvedRoutes()
        } catch {
            return (nil, errors + [error])
        }
        errors += resolved.errors
        var routes = resolved.routes
        // A route whose name clashes is left out, so the rest of the table is still shown.
        while true {
            do {
                return (try RouteTable(routes, warnings: resolved.warnings), errors)
            } catch {
                guard let clash = routes.lastIndex(where: { error.source == $0.origin.source && error.location == .jsonPath($0.origin.jsonPath) })
                else { return (nil, errors + [error]) }
                errors.append(error)
                routes.remove(at: clash)
            }
        }
    }
}

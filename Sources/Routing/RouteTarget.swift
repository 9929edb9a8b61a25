/// One destination of a route and its share of the route's traffic.
///
/// For a virtual-router route or a weighted inline definition this is an App Mesh
/// [`WeightedTarget`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_WeightedTarget.html):
/// the virtual node name and its relative weight (0…100). For a gateway route that forwards to a
/// [`GatewayRouteTarget`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteTarget.html)
/// it is the virtual service name with weight 1, which is 100% of a single-target route. For a Gateway API
/// rule it is a [`backendRef`](https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref) (weight 1 unless
/// given), for an Istio route a [`destination`](https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRouteDestination).
package struct RouteTarget: Sendable, Equatable {
    /// The Kubernetes service a target stands for, as a proxy resolves it.
    package struct Service: Sendable, Equatable {
        /// The fully qualified host, e.g. `reviews.default.svc.cluster.local`.
        package let host: String
        /// The Istio `DestinationRule` subset, if the destination names one.
        package let subset: String?
        package let port: Int?
        /// The pod labels that select the subset's pods, from the `DestinationRule` that defines it; `nil` without a
        /// subset, or when no `DestinationRule` defining the subset was read.
        package let subsetLabels: [String: String]?

        init(host: String, subset: String?, port: Int?, subsetLabels: [String: String]? = nil) {
            self.host = host
            self.subset = subset
            self.port = port
            self.subsetLabels = subsetLabels
        }
    }

    /// The virtual node name (for App Mesh Kubernetes resources the controller's `<name>_<namespace>`), the
    /// virtual service name of a gateway route target, the Gateway API `backendRef` `name` (`<namespace>/<name>`
    /// when it gives a namespace), or the Istio destination `<host>` / `<host>/<subset>` as written.
    package let name: String
    /// The relative weight; a target's share is `weight` divided by the sum of the route's weights.
    package let weight: Int
    /// The service behind the target: an Istio destination, a Gateway API `backendRef`, the service an App Mesh
    /// virtual node's DNS service discovery names, or a RouteLens target's `service`. Istio and Gateway API clusters
    /// name it; Kubernetes `EndpointSlice`s read with the routes give its ``hosts``.
    package let service: Service?
    /// Envoy cluster names (`%UPSTREAM_CLUSTER%`) that mean this target, as a RouteLens route file lists them.
    package let clusters: [String]
    /// The upstream hosts (`%UPSTREAM_HOST%`) that mean this target: those a RouteLens route file lists, and the
    /// endpoints of its ``service`` in the `EndpointSlice`s read with the routes (see ``KubernetesEndpoints``).
    package let hosts: [UpstreamHostPattern]

    init(name: String, weight: Int, service: Service? = nil, clusters: [String] = [], hosts: [UpstreamHostPattern] = []) {
        self.name = name
        self.weight = weight
        self.service = service
        self.clusters = clusters
        self.hosts = hosts
    }
}

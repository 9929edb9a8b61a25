extension Route {
    /// The target whose listed hosts include a logged `%UPSTREAM_HOST%` (`10.1.2.3:8080`), or `nil` when no
    /// target lists it; the first such target in definition order.
    ///
    /// This is how a request is attributed when the log format carries no upstream cluster, as Envoy's default
    /// format does not, or a cluster that names no single target, as Envoy Gateway's names a whole rule: a RouteLens
    /// route file lists each target's `hosts`, and `EndpointSlice`s read with the routes give the hosts of each
    /// target's Kubernetes service (see ``KubernetesEndpoints``).
    package func target(forUpstreamHost host: String) -> RouteTarget? {
        targets.first { target in target.hosts.contains { $0.matches(upstreamHost: host) } }
    }
}

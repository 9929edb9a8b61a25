extension Route {
    /// The target whose listed hosts include a logged `%UPSTREAM_HOST%` (`10.1.2.3:8080`), or `nil` when no
    /// target lists it; the first such target in definition order.
    ///
    /// This is how a request is attributed when the log format carries no upstream cluster, as Envoy's default
    /// format does not: a RouteLens route file lists each target's `hosts`.
    package func target(forUpstreamHost host: String) -> RouteTarget? {
        targets.first { target in target.hosts.contains { $0.matches(upstreamHost: host) } }
    }
}

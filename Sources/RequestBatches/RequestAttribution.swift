/// What a request counts under, decided at ingest: its route and target, the OpenAPI operation it was
/// for, and whether the reports leave it out by default.
package struct RequestAttribution: Sendable, Equatable {
    /// The configured route, the logged route name, or `(unmatched)`.
    package var route: String
    /// The target that served it; `nil` when it reached no upstream host or none could be recognised.
    package var target: String?
    /// The operation's display name, `GET /orders/{id}`; `nil` without `--openapi` or when none matched.
    package var operation: String?
    /// Sent by a known health checker (`Envoy/HC`, `kube-probe/` …): reported on its own.
    package var isHealthCheck: Bool
    /// Logged by the server-side sidecar (an Istio `inbound|…` cluster): the second copy of a request the
    /// client side also logs.
    package var isInbound: Bool

    package init(route: String, target: String? = nil, operation: String? = nil, isHealthCheck: Bool = false, isInbound: Bool = false) {
        self.route = route
        self.target = target
        self.operation = operation
        self.isHealthCheck = isHealthCheck
        self.isInbound = isInbound
    }
}

extension TrafficScenario {
    /// One gateway route: requests whose path starts with ``prefix``, split across weighted targets.
    ///
    /// A request counts against its route even when Envoy answers it without reaching an upstream.
    package struct Route: Sendable, Equatable {
        /// Route name as in the routes file, e.g. `orders-canary`.
        package var name: String
        /// Path prefix the route matches, e.g. `/orders`.
        package var prefix: String
        /// Path stems requests are generated under, e.g. `/products`; IDs and query strings are appended.
        /// Each starts with ``prefix`` and no longer prefix of another route matches it,
        /// so longest-prefix matching assigns every generated request to this route.
        package var paths: [String]
        /// Relative share of HTTP requests that take this route.
        package var trafficWeight: Int
        /// Fraction, in 0...1, of requests reaching a target that the target answers with 4xx.
        package var clientErrorRate: Double
        /// Fraction, in 0...1, of requests Envoy answers itself with upstream host and cluster `-`:
        /// half `404 NR`, half `503 UH`.
        package var noUpstreamRate: Double
        /// Weighted targets (virtual nodes) the route splits traffic across.
        package var targets: [Target]

        package init(
            name: String,
            prefix: String,
            paths: [String],
            trafficWeight: Int,
            clientErrorRate: Double,
            noUpstreamRate: Double,
            targets: [Target]
        ) {
            self.name = name
            self.prefix = prefix
            self.paths = paths
            self.trafficWeight = trafficWeight
            self.clientErrorRate = clientErrorRate
            self.noUpstreamRate = noUpstreamRate
            self.targets = targets
        }
    }
}

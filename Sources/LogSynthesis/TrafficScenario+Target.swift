extension TrafficScenario {
    /// A weighted target of a route: the virtual node that receives part of its traffic.
    ///
    /// See weighted targets in App Mesh routes:
    /// https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
    package struct Target: Sendable, Equatable {
        /// Virtual node name, e.g. `orders-v2`; the cluster is `cds_egress_<mesh>_<virtualNode>_http_8080`.
        package var virtualNode: String
        /// Weight written in the routes file: the split RouteLens tests the observed traffic against.
        package var configuredWeight: Int
        /// Relative weight used when generating. Make it differ from ``configuredWeight`` to plant a
        /// sample-ratio mismatch, e.g. configured 50/50 but actual 47/53.
        package var actualWeight: Int
        /// Fraction, in 0...1, of this target's requests answered with 5xx.
        package var serverErrorRate: Double
        /// Durations of this target's successful and 4xx responses.
        package var latency: LatencyModel

        package init(
            virtualNode: String,
            configuredWeight: Int,
            actualWeight: Int,
            serverErrorRate: Double,
            latency: LatencyModel
        ) {
            self.virtualNode = virtualNode
            self.configuredWeight = configuredWeight
            self.actualWeight = actualWeight
            self.serverErrorRate = serverErrorRate
            self.latency = latency
        }
    }
}

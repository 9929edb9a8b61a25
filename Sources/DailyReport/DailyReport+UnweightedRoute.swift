extension DailyReport {
    /// A route without weights: one line.
    package struct UnweightedRoute: Sendable, Equatable, Codable {
        package var route: String
        package var requests: Int
        /// 5xx responses / requests.
        package var errorRate: Double
        package var p99Ms: Int64?
        /// Incidents found that day (see `routelens incidents`).
        package var incidents: Int

        package init(route: String, requests: Int, errorRate: Double, p99Ms: Int64?, incidents: Int) {
            self.route = route
            self.requests = requests
            self.errorRate = errorRate
            self.p99Ms = p99Ms
            self.incidents = incidents
        }

        enum CodingKeys: String, CodingKey {
            case route, requests
            case errorRate = "error_rate"
            case p99Ms = "p99_ms"
            case incidents
        }
    }
}

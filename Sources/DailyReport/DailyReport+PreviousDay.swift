extension DailyReport {
    /// A target's figures the day before.
    package struct PreviousDay: Sendable, Equatable, Codable {
        package var requests: Int
        package var errorRate: Double
        package var p99Ms: Int64?

        package init(requests: Int, errorRate: Double, p99Ms: Int64?) {
            self.requests = requests
            self.errorRate = errorRate
            self.p99Ms = p99Ms
        }

        enum CodingKeys: String, CodingKey {
            case requests
            case errorRate = "error_rate"
            case p99Ms = "p99_ms"
        }
    }
}

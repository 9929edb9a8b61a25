extension DailyReport {
    /// One target of a route over the whole day, with the day before for comparison.
    package struct TargetStats: Sendable, Equatable, Codable {
        package var target: String
        package var requests: Int
        /// 5xx responses.
        package var errors: Int
        /// errors / requests; 0 without a request.
        package var errorRate: Double
        package var p50Ms: Int64?
        package var p90Ms: Int64?
        package var p99Ms: Int64?
        /// The most frequent failure classes (response flag or status class), most frequent first.
        package var topFailureClasses: [FailureClass]
        /// The same figures the day before; absent when the target had no request then.
        package var previousDay: PreviousDay?

        package init(
            target: String, requests: Int, errors: Int, p50Ms: Int64?, p90Ms: Int64?, p99Ms: Int64?,
            topFailureClasses: [FailureClass], previousDay: PreviousDay?
        ) {
            self.target = target
            self.requests = requests
            self.errors = errors
            self.errorRate = requests > 0 ? Double(errors) / Double(requests) : 0
            self.p50Ms = p50Ms
            self.p90Ms = p90Ms
            self.p99Ms = p99Ms
            self.topFailureClasses = topFailureClasses
            self.previousDay = previousDay
        }

        enum CodingKeys: String, CodingKey {
            case target, requests, errors
            case errorRate = "error_rate"
            case p50Ms = "p50_ms"
            case p90Ms = "p90_ms"
            case p99Ms = "p99_ms"
            case topFailureClasses = "top_failure_classes"
            case previousDay = "previous_day"
        }
    }
}

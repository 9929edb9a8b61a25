extension DailyReport {
    /// One weighted route over the day.
    package struct Route: Sendable, Equatable, Codable {
        package var route: String
        /// The route's constant-weight segments that overlap the day, oldest first, clamped to the day.
        package var segments: [Segment]
        /// One judgement per non-baseline target of the last segment.
        package var canary: [Canary]
        /// Per target over the whole day: requests, errors, latency, failure classes.
        package var targetStats: [TargetStats]

        package init(route: String, segments: [Segment], canary: [Canary], targetStats: [TargetStats]) {
            self.route = route
            self.segments = segments
            self.canary = canary
            self.targetStats = targetStats
        }

        enum CodingKeys: String, CodingKey {
            case route, segments, canary
            case targetStats = "target_stats"
        }
    }
}

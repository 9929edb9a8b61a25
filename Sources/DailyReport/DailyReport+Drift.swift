extension DailyReport {
    /// One interval (5 minutes, or an hour on quiet routes) of a segment.
    package struct Drift: Sendable, Equatable, Codable {
        package var from: String
        package var to: String
        /// Target → its share of the interval's requests.
        package var observedShare: [String: Double]
        package var requests: Int
        /// The interval's own chi-square p-value; absent when too few requests to test.
        package var pValue: Double?
        /// After Holm's adjustment over the segment's tested intervals.
        package var adjustedPValue: Double?
        /// Whether the deviation is significant (see `DriftDetector`).
        package var significant: Bool

        package init(
            from: String, to: String, observedShare: [String: Double], requests: Int, pValue: Double?,
            adjustedPValue: Double?, significant: Bool
        ) {
            self.from = from
            self.to = to
            self.observedShare = observedShare
            self.requests = requests
            self.pValue = pValue
            self.adjustedPValue = adjustedPValue
            self.significant = significant
        }

        enum CodingKeys: String, CodingKey {
            case from, to
            case observedShare = "observed_share"
            case requests
            case pValue = "p_value"
            case adjustedPValue = "adjusted_p_value"
            case significant
        }
    }
}

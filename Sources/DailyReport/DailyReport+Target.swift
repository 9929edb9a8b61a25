import Statistics

extension DailyReport {
    /// One target of a segment: configured against observed.
    package struct Target: Sendable, Equatable, Codable {
        package var target: String
        package var weight: Int
        package var expectedShare: Double
        package var observedShare: Double
        /// The 95% Wilson interval of the observed share, `[low, high]`; absent when the segment had no request.
        package var ci95: [Double]?
        package var requests: Int

        package init(target: String, weight: Int, expectedShare: Double, observedShare: Double, ci95: [Double]?, requests: Int) {
            self.target = target
            self.weight = weight
            self.expectedShare = expectedShare
            self.observedShare = observedShare
            self.ci95 = ci95
            self.requests = requests
        }

        init(_ result: SplitTest.TargetResult) {
            self.init(
                target: result.name,
                weight: result.weight,
                expectedShare: result.expectedShare,
                observedShare: result.observedShare,
                ci95: result.ci95.map { [$0.low, $0.high] },
                requests: result.requests
            )
        }

        enum CodingKeys: String, CodingKey {
            case target, weight
            case expectedShare = "expected_share"
            case observedShare = "observed_share"
            case ci95, requests
        }
    }
}

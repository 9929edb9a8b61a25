/// Finds when a weighted split drifted: the intervals of a day (5 minutes, or an hour on quiet routes) whose
/// observed shares are significantly and noticeably off the configured weights.
///
/// Each interval is tested on its own as ``SplitTest`` tests a whole segment (Pearson's chi-square against the
/// weights; an interval where a positive weight expects fewer than 5 requests is not tested). A day has 288
/// five-minute intervals, so testing each at `alpha` would mark about 288 × `alpha` healthy intervals a day. The
/// p-values of the tested intervals are therefore adjusted by Holm's step-down method, which keeps the chance of
/// marking any healthy interval of the series at most `alpha` whatever the dependence between intervals
/// (Holm 1979, Scand. J. Statist. 6:65–70); it is uniformly more powerful than plain Bonferroni. An interval is
/// marked when its adjusted p-value is below `alpha` and its largest deviation is at least `tolerancePP`
/// percentage points, as for the whole segment. An interval in which a target of weight 0 received a request is
/// marked without a test: no sampling noise explains it.
package struct DriftDetector: Sendable, Hashable {
    /// The family-wise error rate over one series of intervals; 0.001 as ``SplitTest``'s default, so a healthy
    /// split's day marks an interval about once in three years of daily reports.
    package var alpha: Double
    /// The smallest deviation from a configured share, in percentage points, worth marking.
    package var tolerancePP: Double

    package init(alpha: Double = 0.001, tolerancePP: Double = 1.0) {
        self.alpha = alpha
        self.tolerancePP = tolerancePP
    }

    /// One interval's requests per target.
    package struct Interval: Sendable, Hashable {
        /// Its bounds, in whatever unit the caller keeps (the report: milliseconds since the epoch).
        package var start: Int64
        package var end: Int64
        /// Requests per target, in the order of the weights.
        package var requests: [Int]

        package init(start: Int64, end: Int64, requests: [Int]) {
            self.start = start
            self.end = end
            self.requests = requests
        }
    }

    /// Tests each of `intervals` against `weights` (one per target, the order of each interval's requests).
    package func detect(weights: [Int], intervals: [Interval]) throws(DriftDetectorError) -> [DriftInterval] {
        // Checked here rather than left to ``SplitTest``'s preconditions: both may come from command-line options.
        guard alpha > 0 && alpha < 1 && tolerancePP >= 0 && tolerancePP.isFinite else {
            throw .invalidThresholds(alpha: alpha, tolerancePP: tolerancePP)
        }
        guard weights.allSatisfy({ $0 >= 0 }), weights.contains(where: { $0 > 0 }) else { throw .invalidWeights(weights) }
        for (index, interval) in intervals.enumerated() {
            guard interval.requests.count == weights.count else {
                throw .targetCountMismatch(interval: index, requests: interval.requests.count, weights: weights.count)
            }
            guard interval.requests.allSatisfy({ $0 >= 0 }) else { throw .negativeRequests(interval: index) }
        }
        let positive = weights.indices.filter { weights[$0] > 0 }
        let tests = intervals.map { interval in
            SplitTest(
                targets: weights.indices.map { .init(name: String($0), weight: weights[$0], requests: interval.requests[$0]) },
                alpha: alpha,
                tolerancePP: tolerancePP
            )
        }
        let tested = tests.indices.filter { index in
            tests[index].requestsToZeroWeightTargets == 0
                && PearsonGoodnessOfFit(
                    observed: positive.map { intervals[index].requests[$0] },
                    expectedProportions: positive.map { Double(weights[$0]) }
                ).everyExpectedCountIsAtLeastFive
        }
        let adjusted = Self.holmAdjusted(tested.map { tests[$0].pValue })
        var adjustedByInterval: [Int: Double] = [:]
        for (index, value) in zip(tested, adjusted) { adjustedByInterval[index] = value }

        return intervals.indices.map { index in
            let test = tests[index]
            let adjustedPValue = adjustedByInterval[index]
            let significant = test.requestsToZeroWeightTargets > 0
                || (adjustedPValue.map { $0 < alpha } ?? false) && test.maxDeviationPP >= tolerancePP
            return DriftInterval(
                start: intervals[index].start,
                end: intervals[index].end,
                requests: intervals[index].requests,
                observedShares: test.targets.map(\.observedShare),
                pValue: adjustedPValue == nil ? nil : test.pValue,
                adjustedPValue: adjustedPValue,
                maxDeviationPP: test.maxDeviationPP,
                isSignificant: significant
            )
        }
    }

    /// Holm's adjusted p-values, in the order given: the i-th smallest becomes max over j ≤ i of (m − j + 1)·p₍ⱼ₎,
    /// capped at 1.
    package static func holmAdjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        var adjusted = Array(repeating: 1.0, count: m)
        var running = 0.0
        for (rank, index) in pValues.indices.sorted(by: { pValues[$0] < pValues[$1] }).enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

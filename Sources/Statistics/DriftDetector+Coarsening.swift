/// Hourly intervals for quiet routes: the "per 5 minutes (or per hour on quiet routes)".
///
/// A 5-minute interval in which a target's expected count is below 5 is not tested (see ``DriftDetector``), so a
/// route with a few requests a minute would show a day without a single testable interval. Summing twelve of them
/// into an hour gives the test twelve times the requests.
extension DriftDetector {
    /// Whether fewer than half of `intervals` have an expected count of at least 5 for every target of positive
    /// weight: too quiet to judge at this granularity. `false` without intervals or positive weights.
    package static func isQuiet(weights: [Int], intervals: [Interval]) -> Bool {
        let totalWeight = weights.reduce(0) { $0 + max(0, $1) }
        guard let smallest = weights.filter({ $0 > 0 }).min(), totalWeight > 0, !intervals.isEmpty else { return false }
        let testable = intervals.filter { interval in
            // Expected count of the smallest weight ≥ 5 ⇔ requests × smallest ≥ 5 × total weight, in integers.
            let requests = interval.requests.reduce(0) { $0 + max(0, $1) }
            let (product, overflow) = requests.multipliedReportingOverflow(by: smallest)
            return overflow || product >= 5 * totalWeight
        }
        return testable.count * 2 < intervals.count
    }

    /// `intervals` summed `count` at a time (12 five-minute intervals make an hour); the last group may be shorter.
    /// Each group spans its first interval's start to its last one's end; counts are added per target.
    /// `count` below 1 is taken as 1.
    package static func merging(_ intervals: [Interval], every count: Int) -> [Interval] {
        let size = max(1, count)
        return stride(from: 0, to: intervals.count, by: size).compactMap { start in
            let group = intervals[start..<min(start + size, intervals.count)]
            guard let first = group.first, let last = group.last else { return nil }
            let width = group.map(\.requests.count).max() ?? 0
            let requests = (0..<width).map { target in group.reduce(0) { $0 + (target < $1.requests.count ? $1.requests[target] : 0) } }
            return Interval(start: first.start, end: last.end, requests: requests)
        }
    }
}

/// Exact latency percentiles of a set of durations, by the nearest-rank definition:
/// the p-th percentile of n sorted values is the value at 1-based position ⌈p·n/100⌉.
///
/// ```swift
/// LatencySummary(durations: [40, 15, 50, 35, 20])   // p50 35 (position 3), p90…max 50
/// ```
package struct LatencySummary: Codable, Equatable, Sendable {
    package var p50: Int
    package var p90: Int
    package var p95: Int
    package var p99: Int
    package var max: Int
}

extension LatencySummary {
    /// Percentiles of `durations` in any order, or `nil` if there are none.
    package init?(durations: [Int]) {
        guard !durations.isEmpty else { return nil }
        let sorted = durations.sorted()
        p50 = Self.nearestRank(50, inSorted: sorted)
        p90 = Self.nearestRank(90, inSorted: sorted)
        p95 = Self.nearestRank(95, inSorted: sorted)
        p99 = Self.nearestRank(99, inSorted: sorted)
        max = sorted[sorted.count - 1]
    }

    /// The value at position ⌈percent·n/100⌉ of non-empty ascending `sorted`, computed in integers as
    /// `(percent·n + 99) / 100` so that no floating-point rounding can pick a neighbouring value.
    package static func nearestRank(_ percent: Int, inSorted sorted: [Int]) -> Int {
        precondition((1...100).contains(percent) && !sorted.isEmpty, "percent in 1...100 of non-empty values")
        return sorted[(percent * sorted.count + 99) / 100 - 1]
    }
}

/// Nearest-rank percentiles of sorted values: the smallest value with at least q of the values at or below it.
///
/// The rank ⌈q·n⌉ is computed in integers, so p95 of 100 values is the 95th value, never the 96th
/// through a rounding error in 0.95 × 100.
/// See [Wikipedia](https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method).
package enum NearestRankPercentile {
    /// The `percent`-th percentile (0...100) of `values`, which must be sorted ascending; `nil` when empty.
    ///
    ///     NearestRankPercentile.percentile(50, ofSorted: [1, 2, 3, 4])  // 2
    ///
    /// Percentile 0 is the minimum and 100 the maximum.
    package static func percentile(_ percent: Int, ofSorted values: [Int64]) -> Int64? {
        precondition((0...100).contains(percent), "percentile must be in 0...100, got \(percent)")
        return value(atFraction: percent, of: 100, inSorted: values)
    }

    /// The percentile given in thousandths (0...1000), for percentiles such as p99.9 (`perMille: 999`).
    ///
    ///     NearestRankPercentile.percentile(perMille: 999, ofSorted: latencies)
    package static func percentile(perMille: Int, ofSorted values: [Int64]) -> Int64? {
        precondition((0...1000).contains(perMille), "per-mille must be in 0...1000, got \(perMille)")
        return value(atFraction: perMille, of: 1000, inSorted: values)
    }

    private static func value(atFraction numerator: Int, of denominator: Int, inSorted values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let rank = (numerator * values.count + denominator - 1) / denominator
        return values[max(rank, 1) - 1]
    }
}

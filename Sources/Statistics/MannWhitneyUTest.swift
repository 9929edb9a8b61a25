/// The Mann-Whitney U test of two latency histograms: is one side's latency stochastically larger?
///
/// Rollups keep latencies as ``LatencyHistogram``s, not raw values, so every bucket is a group of tied
/// values: a request's rank is its bucket's mid-rank. With millions of requests the exact distribution is out of
/// reach and not needed, so the p-value uses the normal approximation with the tie correction and a continuity
/// correction, the same as
/// `scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=True, alternative='two-sided')`
/// on the histograms expanded to one value per request (each bucket's values equal).
///
/// Hand-written: no Swift package in reach implements it (see ``ChiSquaredDistribution``).
package struct MannWhitneyUTest: Sendable, Hashable {
    /// U of the first sample: the pairs (x, y) with x > y, plus half the tied pairs (scipy's `statistic`).
    package let u: Double
    /// The number of values of each sample.
    package let count: Int
    package let otherCount: Int
    /// The two-sided p-value; 1 when every value of both samples falls in one bucket (no ranking, no evidence;
    /// scipy answers NaN there).
    package let pValue: Double

    /// U / (n₁ n₂): the probability that a random value of the first sample is above a random value of the
    /// second, ties counting half. 0.5 means neither side is slower; 0.6 means the first is slower 60% of the time.
    package var probabilityOfSuperiority: Double {
        u / (Double(count) * Double(otherCount))
    }

    /// Tests `histogram` (x) against `other` (y); `nil` when either is empty.
    package init?(_ histogram: LatencyHistogram, _ other: LatencyHistogram) {
        let n1 = Int(histogram.count), n2 = Int(other.count)
        guard n1 > 0, n2 > 0 else { return nil }
        // U₁ − n₁n₂/2 = Σ over buckets of x's count × (y below − y above) / 2. Summing these small signed terms
        // instead of subtracting two huge rank sums keeps the p-value's relative accuracy near the null.
        var twiceCentredU = 0.0
        var tieTerm = 0.0
        var otherBelow = 0
        // Both histograms keep their buckets ascending: walk them together, a bucket at a time.
        var (i, j) = (0, 0)
        while i < histogram.buckets.count || j < other.buckets.count {
            let bucket = min(i < histogram.buckets.count ? histogram.buckets[i] : .max, j < other.buckets.count ? other.buckets[j] : .max)
            var (xs, ys) = (0, 0)
            if i < histogram.buckets.count, histogram.buckets[i] == bucket {
                xs = Int(histogram.bucketCounts[i])
                i += 1
            }
            if j < other.buckets.count, other.buckets[j] == bucket {
                ys = Int(other.bucketCounts[j])
                j += 1
            }
            let otherAbove = n2 - otherBelow - ys
            twiceCentredU += Double(xs) * (Double(otherBelow) - Double(otherAbove))
            let tied = Double(xs) + Double(ys)
            tieTerm += (tied - 1) * tied * (tied + 1)
            otherBelow += ys
        }
        let product = Double(n1) * Double(n2)
        let n = Double(n1) + Double(n2)
        let variance = product / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        // scipy's two-sided test takes U = max(U₁, U₂), i.e. |U₁ − μ| above the mean, then subtracts 0.5.
        let distance = abs(twiceCentredU) / 2
        u = product / 2 + twiceCentredU / 2
        count = n1
        otherCount = n2
        // Within half a unit of the mean, scipy's z is ≤ 0 and its p-value, 2·sf(z) ≥ 1, is clipped to 1.
        let z = variance > 0 ? (distance - 0.5) / variance.squareRoot() : 0
        pValue = z > 0 ? NormalDistribution.twoSidedPValue(z) : 1
    }
}

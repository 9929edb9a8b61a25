import Testing
@testable import Statistics

@Suite("Mann-Whitney U test on latency histograms")
struct MannWhitneyUTestTests {
    /// (x as [value: count], y likewise, U, p), computed once with scipy 1.17.1 on the expanded samples:
    ///
    /// ```python
    /// from scipy.stats import mannwhitneyu
    /// same_bucket = {1001: 1000, 1007: 1000}   # 1000...1007 is one histogram bucket: one tie group
    /// expand = lambda h: np.array([same_bucket.get(k, k) for k, v in h.items() for _ in range(v)], dtype=float)
    /// r = mannwhitneyu(expand(x), expand(y), method='asymptotic', use_continuity=True, alternative='two-sided')
    /// (r.statistic, r.pvalue)
    /// ```
    /// Values below 128 ms have a bucket each; 1000, 1001 and 1007 share one, so U and p hold only if the test
    /// ranks by bucket.
    static let scipyReference: [(x: [Int64: Int], y: [Int64: Int], u: Double, p: Double)] = [
        ([10: 5, 20: 7, 30: 3], [10: 4, 15: 6, 20: 2, 25: 8], 147, 0.9318352482958698),
        ([20: 4000, 40: 3000, 80: 2000, 1000: 500, 1007: 300], [20: 5000, 40: 3000, 80: 1500, 1001: 200, 120: 10],
         54_688_000, 6.128217552034929e-84),
        ([5: 1], [6: 1], 0, 1),
        ([0: 50, 1: 50, 63: 20, 64: 20, 127: 5], [0: 60, 1: 40, 63: 25, 64: 10, 127: 5], 11037.5, 0.1803017125619104),
        ([100: 40, 10: 5], [10: 30, 100: 5], 1375, 3.4670344669385816e-11),
        ([100: 300, 10: 5], [10: 200, 100: 5], 61250, 7.461515605676362e-104),
        ([100: 40, 10: 5], [10: 300, 100: 5], 12850, 1.0164342082072199e-59),
    ]

    static func histogram(_ counts: [Int64: Int]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for (value, times) in counts { histogram.record(value, times: times) }
        return histogram
    }

    @Test("U and the p-value equal scipy's on the expanded samples, to 1e-9 relative")
    func matchesScipy() throws {
        for (x, y, u, p) in Self.scipyReference {
            let test = try #require(MannWhitneyUTest(Self.histogram(x), Self.histogram(y)))
            #expect(relativeError(test.u, u) < 1e-9, "U of \(x) vs \(y): \(test.u)")
            #expect(relativeError(test.pValue, p) < 1e-9, "p of \(x) vs \(y): \(test.pValue) vs \(p)")
        }
    }

    @Test("Swapping the samples keeps the two-sided p-value and mirrors U")
    func symmetric() throws {
        let x = Self.histogram([20: 4000, 40: 3000, 1000: 500]), y = Self.histogram([20: 5000, 40: 3000, 1001: 200])
        let forward = try #require(MannWhitneyUTest(x, y)), backward = try #require(MannWhitneyUTest(y, x))
        #expect(forward.pValue == backward.pValue)
        #expect(forward.u + backward.u == Double(x.count * y.count))
    }

    @Test("The probability of superiority is U / (n₁ n₂): 1 when every x is slower than every y")
    func superiority() throws {
        let test = try #require(MannWhitneyUTest(Self.histogram([100: 30]), Self.histogram([10: 20])))
        #expect(test.probabilityOfSuperiority == 1)
    }

    @Test("All values in one bucket give p = 1 (scipy: NaN), and an empty side gives no test")
    func degenerate() throws {
        #expect(try #require(MannWhitneyUTest(Self.histogram([1000: 3]), Self.histogram([1007: 4]))).pValue == 1)
        #expect(MannWhitneyUTest(Self.histogram([10: 3]), LatencyHistogram()) == nil)
    }
}

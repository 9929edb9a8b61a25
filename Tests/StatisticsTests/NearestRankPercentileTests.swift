import Testing
@testable import Statistics

@Suite("Nearest-rank percentile")
struct NearestRankPercentileTests {
    let oneToHundred = Array(Int64(1)...100)

    @Test("every percentile of a single value is that value")
    func singleValue() {
        for percent in [0, 1, 50, 95, 100] {
            #expect(NearestRankPercentile.percentile(percent, ofSorted: [42]) == 42)
        }
    }

    @Test("p95 of 100 values is the 95th value, not the 96th")
    func p95OfHundred() {
        #expect(NearestRankPercentile.percentile(95, ofSorted: oneToHundred) == 95)
    }

    @Test("p95 of 101 values rounds the rank 95.95 up to the 96th value")
    func p95OfHundredAndOne() {
        #expect(NearestRankPercentile.percentile(95, ofSorted: Array(1...101)) == 96)
    }

    @Test("p100 is the maximum")
    func p100() {
        #expect(NearestRankPercentile.percentile(100, ofSorted: [3, 7, 7, 19]) == 19)
    }

    @Test("p0 is the minimum")
    func p0() {
        #expect(NearestRankPercentile.percentile(0, ofSorted: [3, 7, 7, 19]) == 3)
    }

    @Test("p50 of [1, 2, 3, 4] is 2, not an interpolated 2.5")
    func medianOfEvenCount() {
        #expect(NearestRankPercentile.percentile(50, ofSorted: [1, 2, 3, 4]) == 2)
    }

    @Test("p99.9 in per-mille is the 999th of 1000 values and the maximum of 100")
    func perMille() {
        #expect(NearestRankPercentile.percentile(perMille: 999, ofSorted: Array(1...1000)) == 999)
        #expect(NearestRankPercentile.percentile(perMille: 999, ofSorted: oneToHundred) == 100)
    }

    @Test("per-mille and percent agree on whole percentiles")
    func perMilleMatchesPercent() {
        let values = Array(Int64(1)...37)
        for percent in 0...100 {
            #expect(NearestRankPercentile.percentile(perMille: percent * 10, ofSorted: values)
                == NearestRankPercentile.percentile(percent, ofSorted: values))
        }
    }

    @Test("no values have no percentile")
    func empty() {
        #expect(NearestRankPercentile.percentile(50, ofSorted: []) == nil)
        #expect(NearestRankPercentile.percentile(perMille: 999, ofSorted: []) == nil)
    }
}

import Testing

@testable import LogSynthesis

@Suite("LatencySummary")
struct LatencySummaryTests {
    @Test("percentiles are the values at nearest-rank positions ⌈p·n/100⌉ of the sorted durations")
    func nearestRankOnTenValues() {
        // Sorted: 10 20 30 40 50 60 70 80 90 100; p50 → position 5, p90 → 9, p95 and p99 → 10.
        let summary = LatencySummary(durations: [70, 10, 100, 40, 90, 20, 60, 30, 80, 50])
        #expect(summary == LatencySummary(p50: 50, p90: 90, p95: 100, p99: 100, max: 100))
    }

    @Test("on 1...100 each percentile is its own rank, with no interpolation")
    func nearestRankOnHundredValues() {
        let summary = LatencySummary(durations: Array((1...100).reversed()))
        #expect(summary == LatencySummary(p50: 50, p90: 90, p95: 95, p99: 99, max: 100))
    }

    @Test("a single duration is every percentile")
    func singleDuration() {
        #expect(LatencySummary(durations: [7]) == LatencySummary(p50: 7, p90: 7, p95: 7, p99: 7, max: 7))
    }

    @Test("no durations give no summary")
    func noDurations() {
        #expect(LatencySummary(durations: []) == nil)
    }
}

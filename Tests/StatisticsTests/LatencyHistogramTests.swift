import Testing
@testable import Statistics

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test("Below 64 ms every value has its own bucket, so percentiles are exact")
    func exactBelowSixtyFour() {
        var histogram = LatencyHistogram()
        for value in 1...50 { histogram.record(Int64(value)) }
        #expect(histogram.percentile(50) == NearestRankPercentile.percentile(50, ofSorted: (1...50).map(Int64.init)))
        #expect(histogram.percentile(95) == 48)
        #expect(histogram.percentile(100) == 50)
    }

    @Test("Above 64 ms a percentile is at most 1/64 above the exact nearest-rank value")
    func boundedRelativeError() {
        var histogram = LatencyHistogram()
        var values: [Int64] = []
        var state: UInt64 = 42
        for _ in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Int64(state >> 50)
            values.append(value)
            histogram.record(value)
        }
        values.sort()
        for percent in [50, 90, 95, 99] {
            let exact = NearestRankPercentile.percentile(percent, ofSorted: values)!
            let approximate = histogram.percentile(percent)!
            #expect(approximate >= exact && Double(approximate - exact) <= Double(exact) / 64, "p\(percent)")
        }
        #expect(histogram.percentile(100) == values.last)
    }

    @Test("Merging adds counts: two halves merged equal the whole")
    func mergeEqualsWhole() {
        var whole = LatencyHistogram(), first = LatencyHistogram(), second = LatencyHistogram()
        for value in stride(from: Int64(0), to: 5000, by: 7) {
            whole.record(value)
            if value % 2 == 0 { first.record(value) } else { second.record(value) }
        }
        first.merge(second)
        #expect(first == whole)
    }

    @Test("Serialised bytes read back to the same histogram")
    func roundTrip() throws {
        var histogram = LatencyHistogram()
        for value: Int64 in [0, 1, 63, 64, 65, 1000, 15_000, 1 << 40] { histogram.record(value, times: 3) }
        #expect(try #require(LatencyHistogram(serialized: histogram.serialized)) == histogram)
        #expect(LatencyHistogram(serialized: [0x80]) == nil)
    }

    @Test("Every value lies within its bucket's bounds")
    func bucketBounds() {
        for value in [Int64(0), 63, 64, 127, 128, 129, 1000, 65_535, 1 << 33] {
            let bucket = LatencyHistogram.bucket(of: value)
            #expect(LatencyHistogram.upperBound(of: bucket) >= value)
            #expect(bucket == 0 || LatencyHistogram.upperBound(of: bucket - 1) < value)
        }
    }
}

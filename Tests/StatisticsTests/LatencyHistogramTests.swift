import Testing
@testable import Statistics

@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test("Below 128 ms every value has its own bucket, so percentiles are exact")
    func exactBelowOneTwentyEight() {
        var histogram = LatencyHistogram()
        for value in 1...120 { histogram.record(Int64(value)) }
        #expect(histogram.percentile(50) == NearestRankPercentile.percentile(50, ofSorted: (1...120).map(Int64.init)))
        #expect(histogram.percentile(95) == 114)
        #expect(histogram.percentile(100) == 120)
    }

    @Test("Above 128 ms a percentile is within 1/256 of the exact nearest-rank value")
    func boundedRelativeError() {
        var histogram = LatencyHistogram()
        var values: [Int64] = []
        var state: UInt64 = 42
        for _ in 0..<10_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Int64(state >> 46)
            values.append(value)
            histogram.record(value)
        }
        values.sort()
        for percent in [1, 50, 90, 95, 99, 100] {
            let exact = NearestRankPercentile.percentile(percent, ofSorted: values)!
            let approximate = histogram.percentile(percent)!
            #expect(Double(abs(approximate - exact)) <= Double(exact) / 256, "p\(percent): \(approximate) vs \(exact)")
        }
        #expect(histogram.percentile(100) == values.last)
    }

    @Test("Recording many values at once equals recording them one by one")
    func recordContentsOf() {
        let values: [Int64] = [5, 900, 17, 17, 100_000, 129, 0, 900]
        var oneByOne = LatencyHistogram(), atOnce = LatencyHistogram()
        for value in values { oneByOne.record(value) }
        atOnce.record(contentsOf: values)
        #expect(atOnce == oneByOne)
        #expect(atOnce.count == 8)
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

    @Test("Serialised bytes read back to the same histogram; other bytes are refused")
    func roundTrip() throws {
        var histogram = LatencyHistogram()
        for value: Int64 in [0, 1, 63, 64, 65, 1000, 15_000, 1 << 40] { histogram.record(value, times: 3) }
        #expect(try #require(LatencyHistogram(serialized: histogram.serialized)) == histogram)
        #expect(LatencyHistogram(serialized: [0x80]) == nil)
        #expect(LatencyHistogram(serialized: [1, 0, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1]) == nil)
        #expect(try #require(LatencyHistogram(serialized: LatencyHistogram().serialized)).count == 0)
    }

    @Test("Every value lies within its bucket's bounds, and buckets do not overlap")
    func bucketBounds() {
        for value in [Int64(0), 63, 127, 128, 129, 255, 256, 1000, 65_535, 1 << 33, Int64.max] {
            let bucket = LatencyHistogram.bucket(of: value)
            let (low, high) = LatencyHistogram.bounds(of: bucket)
            #expect(low <= value && value <= high)
            #expect(bucket == 0 || LatencyHistogram.bounds(of: bucket - 1).high == low - 1)
        }
    }

    @Test("Merging serialised bytes directly gives the bytes of the merged histogram; bytes that are not one are refused")
    func mergeSerialized() throws {
        var first = LatencyHistogram(), second = LatencyHistogram()
        for value: Int64 in [3, 3, 150, 90_000] { first.record(value) }
        for value: Int64 in [0, 150, 151, 1 << 35] { second.record(value) }
        var whole = first
        whole.merge(second)
        var merged: [UInt8] = []
        let ok = first.serialized.withUnsafeBytes { a in second.serialized.withUnsafeBytes { b in LatencyHistogram.mergeSerialized(a, b, into: &merged) } }
        #expect(ok)
        #expect(merged == whole.serialized)
        let empty = LatencyHistogram().serialized
        let withEmpty = empty.withUnsafeBytes { a in first.serialized.withUnsafeBytes { b in LatencyHistogram.mergeSerialized(a, b, into: &merged) } }
        #expect(withEmpty && merged == first.serialized)
        let refused = [UInt8]([1, 0, 1, 0x80]).withUnsafeBytes { a in first.serialized.withUnsafeBytes { b in LatencyHistogram.mergeSerialized(a, b, into: &merged) } }
        #expect(!refused)
    }
}

import Testing
@testable import Statistics

@Suite("Drift detector")
struct DriftDetectorTests {
    /// A day of 5-minute intervals of 1000 requests on a 90/10 split, each off by at most ±10 requests (noise);
    /// the intervals in `drifted` get 800/200 instead.
    static func day(drifted: Range<Int>) -> [DriftDetector.Interval] {
        (0..<288).map { index in
            let canary = drifted.contains(index) ? 200 : 100 + (index * 7 % 21) - 10
            return .init(start: Int64(index) * 300_000, end: Int64(index + 1) * 300_000, requests: [1000 - canary, canary])
        }
    }

    @Test("A planted hour of drift, 10% configured and 20% observed, is found in exactly its 12 intervals")
    func plantedDriftFound() throws {
        let found = try DriftDetector().detect(weights: [90, 10], intervals: Self.day(drifted: 120..<132))
        #expect(found.indices.filter { found[$0].isSignificant } == Array(120..<132))
        #expect(found[125].observedShares == [0.8, 0.2])
        #expect(abs(found[125].maxDeviationPP - 10) < 1e-9)
    }

    @Test("A healthy day marks no interval")
    func healthyDayMarksNothing() throws {
        let found = try DriftDetector().detect(weights: [90, 10], intervals: Self.day(drifted: 0..<0))
        #expect(found.allSatisfy { !$0.isSignificant })
        #expect(found.allSatisfy { $0.adjustedPValue ?? 0 >= $0.pValue ?? 1 })
    }

    @Test("A deviation under the tolerance is not marked however significant")
    func toleranceApplies() throws {
        let interval = DriftDetector.Interval(start: 0, end: 1, requests: [895_000, 105_000])
        let found = try DriftDetector().detect(weights: [90, 10], intervals: [interval])
        #expect(try #require(found[0].pValue) < 1e-40)
        #expect(!found[0].isSignificant)
    }

    @Test("Intervals too quiet to test are left untested; a request to a weight-0 target is always marked")
    func untestedAndZeroWeight() throws {
        let found = try DriftDetector().detect(weights: [90, 10, 0], intervals: [
            .init(start: 0, end: 1, requests: [20, 10, 0]),
            .init(start: 1, end: 2, requests: [900, 100, 1]),
        ])
        #expect(found[0].pValue == nil && !found[0].isSignificant)
        #expect(found[1].isSignificant)
    }

    @Test("Holm's adjustment multiplies the i-th smallest p-value by m − i + 1 and keeps the order monotone")
    func holm() {
        let adjusted = DriftDetector.holmAdjusted([0.01, 0.04, 0.03, 0.9])
        let expected = [0.04, 0.09, 0.09, 0.9]
        #expect(zip(adjusted, expected).allSatisfy { abs($0 - $1) < 1e-15 }, "\(adjusted)")
    }

    @Test("Counts that do not match the weights are an error naming the interval")
    func mismatchedCounts() {
        #expect(throws: DriftDetectorError.targetCountMismatch(interval: 1, requests: 1, weights: 2)) {
            try DriftDetector().detect(weights: [90, 10], intervals: [.init(start: 0, end: 1, requests: [1, 2]), .init(start: 1, end: 2, requests: [3])])
        }
        #expect(throws: DriftDetectorError.invalidWeights([0, 0])) {
            try DriftDetector().detect(weights: [0, 0], intervals: [])
        }
    }

    @Test("A significance level outside (0, 1) is an error, not a trap")
    func invalidAlpha() {
        #expect(throws: DriftDetectorError.invalidThresholds(alpha: 0, tolerancePP: 1)) {
            try DriftDetector(alpha: 0).detect(weights: [90, 10], intervals: [])
        }
    }
}

@Suite("Drift detector on quiet routes")
struct DriftDetectorCoarseningTests {
    @Test("Twelve 5-minute intervals merge into an hour spanning them, counts added per target")
    func mergesIntoHours() {
        let fiveMinutes = (0..<24).map { DriftDetector.Interval(start: Int64($0) * 5, end: Int64($0 + 1) * 5, requests: [9, 1]) }
        let hours = DriftDetector.merging(fiveMinutes, every: 12)
        #expect(hours == [
            DriftDetector.Interval(start: 0, end: 60, requests: [108, 12]),
            DriftDetector.Interval(start: 60, end: 120, requests: [108, 12]),
        ])
    }

    @Test("A route whose 10% target expects under 5 requests in most intervals is quiet; hourly it is not")
    func quietRoute() {
        let fiveMinutes = (0..<288).map { DriftDetector.Interval(start: Int64($0) * 5, end: Int64($0 + 1) * 5, requests: [27, 3]) }
        #expect(DriftDetector.isQuiet(weights: [90, 10], intervals: fiveMinutes))
        #expect(!DriftDetector.isQuiet(weights: [90, 10], intervals: DriftDetector.merging(fiveMinutes, every: 12)))
        #expect(!DriftDetector.isQuiet(weights: [90, 10], intervals: [.init(start: 0, end: 5, requests: [45, 5])]))
    }
}

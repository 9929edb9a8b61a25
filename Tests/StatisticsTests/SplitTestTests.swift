import Foundation
import Testing
@testable import Statistics

@Suite("Split test verdicts")
struct SplitTestTests {
    @Test("78/22 observed on an 80/20 split over 100k requests is a mismatch")
    func clearMismatch() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 78_000),
            .init(name: "canary", weight: 20, requests: 22_000),
        ])
        // scipy.stats.chisquare([78000, 22000], f_exp=[80000, 20000]) -> (250.0, 2.5968070393401957e-56)
        #expect(test.requests == 100_000)
        #expect(test.chiSquare == 250)
        #expect(test.degreesOfFreedom == 1)
        #expect(relativeError(test.pValue, 2.5968070393401957e-56) < 1e-9)
        #expect(test.maxDeviationPP == 2)
        #expect(test.verdict == .mismatch)
    }

    @Test("reports each target's weight, shares, requests and Wilson interval in input order")
    func perTargetResults() throws {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 78_000),
            .init(name: "canary", weight: 20, requests: 22_000),
        ])
        #expect(test.targets.map(\.name) == ["stable", "canary"])
        let stable = test.targets[0]
        #expect(stable.weight == 80)
        #expect(stable.expectedShare == 0.8)
        #expect(stable.observedShare == 0.78)
        #expect(stable.requests == 78_000)
        let ci95 = try #require(stable.ci95)
        // Wilson formula at 50 digits (mpmath) for 78000 of 100000, z = 1.959963984540054
        #expect(relativeError(ci95.low, 0.7774217931013413) < 1e-12)
        #expect(relativeError(ci95.high, 0.7825566955556122) < 1e-12)
    }

    @Test("1.23 points off 80/20 over 10k requests is ok: p = 0.0021 is not below alpha 0.001")
    func deviationWithoutSignificance() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 8123),
            .init(name: "canary", weight: 20, requests: 1877),
        ])
        // scipy.stats.chisquare([8123, 1877], f_exp=[8000, 2000]) -> (9.455625, 0.0021050255367521357)
        #expect(relativeError(test.pValue, 0.0021050255367521357) < 1e-9)
        #expect(relativeError(test.maxDeviationPP, 1.23) < 1e-12)
        #expect(test.verdict == .ok)
    }

    @Test("a larger alpha turns the same 1.23-point deviation into a mismatch")
    func customAlpha() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 8123),
            .init(name: "canary", weight: 20, requests: 1877),
        ], alpha: 0.01)
        #expect(test.alpha == 0.01)
        #expect(test.verdict == .mismatch)
    }

    @Test("p below alpha but a deviation below the tolerance is ok")
    func significanceWithoutDeviation() {
        let test = SplitTest(targets: [
            .init(name: "blue", weight: 50, requests: 50_020_000),
            .init(name: "green", weight: 50, requests: 49_980_000),
        ])
        // scipy.stats.chisquare([50020000, 49980000], f_exp=[50000000, 50000000]) -> (16.0, 6.334248366623988e-05)
        #expect(relativeError(test.pValue, 6.334248366623988e-05) < 1e-9)
        #expect(relativeError(test.maxDeviationPP, 0.02) < 1e-12)
        #expect(test.verdict == .ok)
    }

    @Test("a deviation of exactly the tolerance counts as a mismatch")
    func deviationEqualToTolerance() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 810_000),
            .init(name: "canary", weight: 20, requests: 190_000),
        ])
        // scipy.stats.chisquare([810000, 190000], f_exp=[800000, 200000]) -> (625.0, 6.113393412765105e-138)
        #expect(relativeError(test.pValue, 6.113393412765105e-138) < 1e-9)
        #expect(test.maxDeviationPP == 1)
        #expect(test.verdict == .mismatch)
    }

    @Test("an expected count below 5 is insufficient data")
    func insufficientData() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 99, requests: 390),
            .init(name: "canary", weight: 1, requests: 10),
        ])
        #expect(test.verdict == .insufficientData)
    }

    @Test("a route without requests is insufficient data with no intervals")
    func noRequests() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 80, requests: 0),
            .init(name: "canary", weight: 20, requests: 0),
        ])
        #expect(test.verdict == .insufficientData)
        #expect(test.pValue == 1)
        #expect(test.maxDeviationPP == 0)
        #expect(test.targets.allSatisfy { $0.observedShare == 0 && $0.ci95 == nil })
    }

    @Test("traffic to a zero-weight target is a mismatch even when the weighted targets fit")
    func zeroWeightTargetWithTraffic() {
        let test = SplitTest(targets: [
            .init(name: "blue", weight: 50, requests: 500),
            .init(name: "green", weight: 50, requests: 497),
            .init(name: "retired", weight: 0, requests: 3),
        ])
        // Chi-square over the weighted targets only:
        // scipy.stats.chisquare([500, 497], f_exp=[498.5, 498.5]) -> (0.009027081243731194, 0.9243061268188004)
        #expect(relativeError(test.chiSquare, 0.009027081243731194) < 1e-12)
        #expect(test.degreesOfFreedom == 1)
        #expect(relativeError(test.pValue, 0.9243061268188004) < 1e-9)
        #expect(test.requests == 1000)
        #expect(test.requestsToZeroWeightTargets == 3)
        #expect(test.targets[2].expectedShare == 0)
        #expect(relativeError(test.maxDeviationPP, 0.3) < 1e-12)
        #expect(test.verdict == .mismatch)
    }

    @Test("traffic to a zero-weight target is a mismatch even with too few requests to test")
    func zeroWeightTargetOutranksInsufficientData() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 100, requests: 2),
            .init(name: "retired", weight: 0, requests: 1),
        ])
        #expect(test.verdict == .mismatch)
    }

    @Test("a zero-weight target without traffic is ok, leaving a one-target test with p-value 1")
    func zeroWeightTargetWithoutTraffic() {
        let test = SplitTest(targets: [
            .init(name: "stable", weight: 100, requests: 1000),
            .init(name: "canary", weight: 0, requests: 0),
        ])
        #expect(test.degreesOfFreedom == 0)
        #expect(test.pValue == 1)
        #expect(test.requestsToZeroWeightTargets == 0)
        #expect(test.verdict == .ok)
    }

    @Test("verdicts are named ok, mismatch and insufficient-data")
    func verdictNames() {
        #expect([SplitTest.Verdict.ok, .mismatch, .insufficientData].map(\.rawValue) == ["ok", "mismatch", "insufficient-data"])
    }

    @Test("weights that sum to 0 are untestable, not a crash, and the requests are still counted")
    func zeroWeightSumIsUntestable() {
        // A Gateway API rule whose backendRefs all weigh 0 (the gateway answers 500): legal, but no share to test.
        let test = SplitTest(targets: [
            .init(name: "foo-v1", weight: 0, requests: 30),
            .init(name: "foo-v2", weight: 0, requests: 10),
        ])
        #expect(test.verdict == .untestable)
        #expect(test.verdict.rawValue == "untestable")
        #expect(test.untestableReason == "weights sum to 0")
        #expect(test.requests == 40)
        #expect(test.pValue == 1)
        #expect(test.targets.map(\.expectedShare) == [0, 0])
        #expect(test.targets.map(\.observedShare) == [0.75, 0.25])
    }

    @Test("a negative weight is untestable, not a crash")
    func negativeWeightIsUntestable() {
        let test = SplitTest(targets: [.init(name: "a", weight: -1, requests: 1), .init(name: "b", weight: 2, requests: 1)])
        #expect(test.verdict == .untestable)
        #expect(test.untestableReason == "weight of a is negative (-1)")
    }

    @Test("a tested split has no untestable reason")
    func testedSplitHasNoReason() {
        let test = SplitTest(targets: [.init(name: "a", weight: 1, requests: 10), .init(name: "b", weight: 1, requests: 10)])
        #expect(test.untestableReason == nil)
        #expect(test.verdict == .ok)
    }
}

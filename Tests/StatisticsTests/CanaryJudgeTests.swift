import Testing
@testable import Statistics

@Suite("Canary judge")
struct CanaryJudgeTests {
    static func histogram(_ counts: [Int64: Int]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for (value, times) in counts { histogram.record(value, times: Int64(times)) }
        return histogram
    }

    /// 20 000 requests, 0.5% errors, p50 20 ms, p99 201 ms (200 ms is in the 200–201 ms bucket).
    static let baseline = CanaryJudge.Target(
        name: "stable", weight: 90, requests: 20_000, errors: 100,
        latency: histogram([20: 10_000, 30: 6000, 50: 3000, 200: 800, 500: 200])
    )

    @Test("A planted regression, 3% errors against 0.5% and every request slower, is judged fail on both counts")
    func regressionFails() throws {
        let canary = CanaryJudge.Target(
            name: "canary", weight: 10, requests: 2000, errors: 60,
            latency: Self.histogram([30: 600, 50: 800, 80: 400, 400: 150, 1000: 50])
        )
        let judgement = try #require(try CanaryJudge().judge([Self.baseline, canary], baseline: nil).first)
        #expect(judgement.verdict == .fail)
        #expect(judgement.baseline == "stable" && judgement.target == "canary")
        #expect(judgement.reasons.count == 3)
        #expect(judgement.reasons[0].hasPrefix("error rate 3.00% vs 0.50% on the baseline: 2.5 pp higher"))
        #expect(judgement.reasons[0].hasSuffix("— fail"))
        #expect(judgement.reasons[1].hasPrefix("p50 50 ms vs 20 ms (×2.5)"))
        #expect(judgement.reasons[1].hasSuffix("— fail"))
        #expect(judgement.p50Ratio == 2.5)
        #expect(try #require(judgement.errorRate).pValue < 1e-20)
        #expect(try #require(judgement.mannWhitney).pValue < 1e-20)
    }

    @Test("A healthy canary, same error rate and latency within noise, passes with a reason per check")
    func healthyPasses() throws {
        let canary = CanaryJudge.Target(
            name: "canary", weight: 10, requests: 2000, errors: 11,
            latency: Self.histogram([20: 1000, 30: 600, 50: 300, 200: 80, 500: 20])
        )
        let judgement = try #require(try CanaryJudge().judge([Self.baseline, canary], baseline: nil).first)
        #expect(judgement.verdict == .pass, "\(judgement.reasons)")
        #expect(judgement.reasons.count == 3)
        #expect(judgement.reasons.allSatisfy { $0.hasSuffix("— pass") })
        #expect(judgement.p99Ratio == 1)
    }

    @Test("A higher error rate that could be chance is marginal, not fail")
    func largeButNotSignificantIsMarginal() throws {
        let canary = CanaryJudge.Target(
            name: "canary", weight: 10, requests: 200, errors: 2,
            latency: Self.histogram([20: 100, 30: 60, 50: 30, 200: 8, 500: 2])
        )
        let judgement = CanaryJudge().judge(canary: canary, baseline: Self.baseline)
        #expect(judgement.verdict == .marginal)
        #expect(judgement.reasons[0].contains("could be chance"))
    }

    @Test("Fewer than 100 requests on a side is at least marginal, and says so first")
    func tooFewRequests() {
        let canary = CanaryJudge.Target(name: "canary", weight: 10, requests: 40, errors: 0, latency: Self.histogram([20: 40]))
        let judgement = CanaryJudge().judge(canary: canary, baseline: Self.baseline)
        #expect(judgement.verdict == .marginal)
        #expect(judgement.reasons[0].hasPrefix("too few requests to judge reliably: 40 on canary"))
    }

    @Test("A p99 1.5× the baseline's fails even when the median is unchanged")
    func tailRegressionFails() {
        let canary = CanaryJudge.Target(
            name: "canary", weight: 10, requests: 2000, errors: 10,
            latency: Self.histogram([20: 1000, 30: 600, 50: 300, 200: 50, 500: 50])
        )
        let judgement = CanaryJudge().judge(canary: canary, baseline: Self.baseline)
        #expect(judgement.verdict == .fail)
        // Below 256 ms the histogram is exact, so the baseline's p99 reads 200 ms.
        #expect(judgement.p99Ratio == 500.0 / 200)
        #expect(judgement.reasons[2] == "p99 500 ms vs 200 ms (×2.5), at least ×1.5 — fail")
    }

    @Test("The baseline is the largest weight unless named; targets of weight 0 are not judged")
    func baselineChoice() throws {
        let other = CanaryJudge.Target(name: "other", weight: 10, requests: 500, errors: 1, latency: Self.histogram([20: 500]))
        let retired = CanaryJudge.Target(name: "retired", weight: 0, requests: 0, errors: 0, latency: LatencyHistogram())
        let byWeight = try CanaryJudge().judge([other, Self.baseline, retired], baseline: nil)
        #expect(byWeight.map(\.target) == ["other"] && byWeight.map(\.baseline) == ["stable"])
        let named = try CanaryJudge().judge([other, Self.baseline], baseline: "other")
        #expect(named.map(\.target) == ["stable"] && named.map(\.baseline) == ["other"])
    }

    @Test("A named baseline that is not a target is an error listing the targets")
    func unknownBaseline() {
        #expect(throws: CanaryJudgeError.unknownBaseline("nope", targets: ["stable"])) {
            try CanaryJudge().judge([Self.baseline], baseline: "nope")
        }
    }
}

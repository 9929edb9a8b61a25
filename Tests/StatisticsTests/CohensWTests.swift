import Testing
@testable import Statistics

@Suite("Cohen's w of a split")
struct CohensWTests {
    @Test("A 10% canary observed at 50% has w = 4/3, a large effect")
    func largeEffect() {
        let test = SplitTest(targets: [.init(name: "stable", weight: 90, requests: 5000), .init(name: "canary", weight: 10, requests: 5000)])
        #expect(relativeError(test.cohensW, 4.0 / 3) < 1e-12)
        #expect(test.cohensWMagnitude == .large)
    }

    @Test("w is √(Σ (observed − expected share)² / expected share): 8123/1877 on 80/20 gives 0.03075, negligible")
    func smallEffect() {
        let test = SplitTest(targets: [.init(name: "a", weight: 80, requests: 8123), .init(name: "b", weight: 20, requests: 1877)])
        let expected = (0.0123 * 0.0123 / 0.8 + 0.0123 * 0.0123 / 0.2).squareRoot()
        #expect(relativeError(test.cohensW, expected) < 1e-12)
        #expect(test.cohensWMagnitude == .negligible)
    }

    @Test("Cohen's bounds: 0.1 small, 0.3 medium, 0.5 large")
    func magnitudes() {
        #expect([0.099, 0.1, 0.3, 0.5].map(EffectMagnitude.init(cohensW:)) == [.negligible, .small, .medium, .large])
    }
}

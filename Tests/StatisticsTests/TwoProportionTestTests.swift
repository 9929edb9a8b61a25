import Testing
@testable import Statistics

@Suite("Two-proportion z test")
struct TwoProportionTestTests {
    /// (x₁, n₁, x₂, n₂, z, p), computed once with scipy 1.17.1:
    ///
    /// ```python
    /// from scipy.stats import norm, chi2_contingency
    /// p1, p2, p = x1/n1, x2/n2, (x1+x2)/(n1+n2)
    /// z = (p1-p2) / np.sqrt(p*(1-p)*(1/n1+1/n2))
    /// pv = 2*norm.sf(abs(z))
    /// # matches chi2_contingency([[x1,n1-x1],[x2,n2-x2]], correction=False)[1] to 2.4e-13 or better in every row
    /// ```
    static let scipyReference: [(Int, Int, Int, Int, z: Double, p: Double)] = [
        (60, 1000, 30, 1000, 3.2359240084528675, 0.0012124965861542163),
        (12, 10000, 10, 10000, 0.4266361471563891, 0.6696443651919513),
        (5, 200, 0, 150, 1.950473744013735, 0.051119679848189395),
        (2100, 100_000, 500, 100_000, 31.584552811578334, 6.017595562283928e-219),
        (1, 3, 2, 7, 0.15058465048420852, 0.8803033704474621),
        (30, 1000, 60, 1000, -3.2359240084528675, 0.0012124965861542163),
        (49, 5000, 50, 5000, -0.10100499987629451, 0.9195464911498724),
    ]

    @Test("z and the two-sided p-value equal scipy's to 1e-9 relative, down to p = 6e-219")
    func matchesScipy() throws {
        for (x1, n1, x2, n2, z, p) in Self.scipyReference {
            let test = try #require(TwoProportionTest(successes: x1, trials: n1, vs: x2, trials: n2))
            #expect(relativeError(test.z, z) < 1e-9, "z of \(x1)/\(n1) vs \(x2)/\(n2)")
            #expect(relativeError(test.pValue, p) < 1e-9, "p of \(x1)/\(n1) vs \(x2)/\(n2): \(test.pValue) vs \(p)")
        }
    }

    @Test("The difference is the first proportion minus the second")
    func difference() throws {
        let test = try #require(TwoProportionTest(successes: 60, trials: 1000, vs: 30, trials: 1000))
        #expect(abs(test.difference - 0.03) < 1e-15)
        #expect(test.proportion == 0.06 && test.otherProportion == 0.03)
    }

    @Test("Two groups without a single failure (or all failing) are no evidence of a difference: p = 1")
    func degenerate() throws {
        #expect(try #require(TwoProportionTest(successes: 0, trials: 50, vs: 0, trials: 80)).pValue == 1)
        #expect(try #require(TwoProportionTest(successes: 50, trials: 50, vs: 80, trials: 80)).pValue == 1)
    }

    @Test("A group with no trial or a count outside 0...trials gives no test, not a trap")
    func invalidCounts() {
        #expect(TwoProportionTest(successes: 0, trials: 0, vs: 1, trials: 10) == nil)
        #expect(TwoProportionTest(successes: 11, trials: 10, vs: 1, trials: 10) == nil)
        #expect(TwoProportionTest(successes: 1, trials: 10, vs: -1, trials: 10) == nil)
    }
}

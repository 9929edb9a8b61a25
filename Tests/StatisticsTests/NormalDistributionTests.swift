import Testing
@testable import Statistics

@Suite("Normal distribution tails")
struct NormalDistributionTests {
    /// `scipy.stats.norm.sf(z)`, scipy 1.17.1.
    static let scipyReference: [(z: Double, survival: Double)] = [
        (-2, 0.9772498680518208),
        (0, 0.5),
        (1.959963984540054, 0.025),
        (5, 2.866515718791933e-07),
        (20, 2.7536241186061556e-89),
        (37, 5.7255712225239266e-300),
    ]

    @Test("The survival function equals scipy's to 1e-9 relative, far into the tail")
    func matchesScipy() {
        for (z, survival) in Self.scipyReference {
            #expect(relativeError(NormalDistribution.survival(z), survival) < 1e-9, "z = \(z)")
        }
    }

    @Test("The two-sided p-value is twice the tail beyond |z|, whatever the sign")
    func twoSided() {
        #expect(relativeError(NormalDistribution.twoSidedPValue(-5), 2 * 2.866515718791933e-07) < 1e-12)
        #expect(NormalDistribution.twoSidedPValue(0) == 1)
    }
}

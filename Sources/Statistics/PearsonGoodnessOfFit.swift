/// Pearson's chi-square goodness-of-fit test of observed counts against expected proportions.
///
/// Same statistic and p-value as
/// [`scipy.stats.chisquare(observed, f_exp=expectedCounts)`](https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chisquare.html):
///
///     let fit = PearsonGoodnessOfFit(observed: [8123, 1877], expectedProportions: [80, 20])
///     fit.statistic         // 9.455625
///     fit.pValue            // 0.0021050255367521357
///     fit.expectedCounts    // [8000, 2000]
///
/// With no observations the statistic is 0 and the p-value 1: nothing contradicts the proportions.
/// With a single category the degrees of freedom are 0, the statistic is 0, and the p-value is 1.
package struct PearsonGoodnessOfFit: Sendable, Hashable {
    /// The observed count of each category.
    package let observed: [Int]
    /// Each category's expected count: the total observed count split in the expected proportions.
    package let expectedCounts: [Double]
    /// Σ (observed − expected)² / expected.
    package let statistic: Double
    /// The number of categories minus one.
    package let degreesOfFreedom: Int
    /// The probability of a statistic at least this large if the expected proportions hold.
    package let pValue: Double

    /// Whether every expected count is at least 5, the usual condition for the chi-square
    /// approximation to be trusted ([Wikipedia](https://en.wikipedia.org/wiki/Pearson%27s_chi-squared_test#Assumptions)).
    package var everyExpectedCountIsAtLeastFive: Bool {
        expectedCounts.allSatisfy { $0 >= 5 }
    }

    /// Tests `observed` counts against `expectedProportions`, which are positive weights on any scale
    /// (`[80, 20]`, `[0.8, 0.2]` and `[4, 1]` are the same), one per category.
    package init(observed: [Int], expectedProportions: [Double]) {
        precondition(!observed.isEmpty, "a goodness-of-fit test needs at least one category")
        precondition(observed.count == expectedProportions.count,
                     "\(observed.count) observed counts but \(expectedProportions.count) expected proportions")
        precondition(observed.allSatisfy { $0 >= 0 }, "observed counts must not be negative: \(observed)")
        precondition(expectedProportions.allSatisfy { $0 > 0 && $0.isFinite },
                     "expected proportions must be positive and finite: \(expectedProportions)")

        let total = Double(observed.reduce(0, +))
        let totalWeight = expectedProportions.reduce(0, +)
        let expectedCounts = expectedProportions.map { total * $0 / totalWeight }
        let statistic = total == 0 ? 0 : zip(observed, expectedCounts).reduce(0.0) { sum, pair in
            let difference = Double(pair.0) - pair.1
            return sum + difference * difference / pair.1
        }
        self.observed = observed
        self.expectedCounts = expectedCounts
        self.statistic = statistic
        self.degreesOfFreedom = observed.count - 1
        self.pValue = degreesOfFreedom == 0
            ? 1
            : ChiSquaredDistribution.survival(x: statistic, degreesOfFreedom: Double(degreesOfFreedom))
    }
}

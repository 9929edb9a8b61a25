/// The pooled two-proportion z test: do two groups fail at different rates?
///
/// Used for a canary's error rate against its baseline's. The statistic is
///
///     z = (p₁ − p₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂)),   p̂ = (x₁ + x₂) / (n₁ + n₂)
///
/// and the p-value two-sided, `2 * scipy.stats.norm.sf(abs(z))`. z² is Pearson's chi-square of the 2×2 table
/// (failures, successes) × (group 1, group 2), so the p-value is also
/// `scipy.stats.chi2_contingency(table, correction=False)[1]`; the tests store the former and check both agree.
///
///     let test = TwoProportionTest(successes: 60, trials: 1000, vs: 30, trials: 1000)
///     test?.pValue  // 0.0019…: 6% against 3% is unlikely to be chance
///
/// "Success" is whatever is counted: the judge counts errors.
package struct TwoProportionTest: Sendable, Hashable {
    /// x₁ / n₁.
    package let proportion: Double
    /// x₂ / n₂.
    package let otherProportion: Double
    /// p₁ − p₂.
    package let difference: Double
    /// The z statistic; 0 when the pooled proportion is 0 or 1 (both groups all alike: no evidence of a difference).
    package let z: Double
    /// P(|Z| ≥ |z|) under equal proportions.
    package let pValue: Double

    /// Compares `successes` of `trials` with `otherSuccesses` of `otherTrials`; `nil` when a group has no trial
    /// or a count is outside 0...trials (nothing to compare, rather than a trap on counts read from storage).
    package init?(successes: Int, trials: Int, vs otherSuccesses: Int, trials otherTrials: Int) {
        guard trials > 0, otherTrials > 0, (0...trials).contains(successes), (0...otherTrials).contains(otherSuccesses) else {
            return nil
        }
        let n1 = Double(trials), n2 = Double(otherTrials)
        let p1 = Double(successes) / n1
        let p2 = Double(otherSuccesses) / n2
        let pooled = (Double(successes) + Double(otherSuccesses)) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        proportion = p1
        otherProportion = p2
        difference = p1 - p2
        z = variance > 0 ? (p1 - p2) / variance.squareRoot() : 0
        pValue = NormalDistribution.twoSidedPValue(z)
    }
}

/// The Wilson score confidence interval for a binomial proportion.
///
///     WilsonInterval(successes: 81, trials: 100)  // low 0.72221…, high 0.87485…
///
/// Unlike the normal ("Wald") interval it stays inside 0...1 and is not degenerate at 0 or `trials`
/// successes. See [Wikipedia](https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval).
package struct WilsonInterval: Sendable, Hashable {
    /// The lower bound, in 0...1.
    package let low: Double
    /// The upper bound, in 0...1.
    package let high: Double

    /// The interval for `successes` out of `trials`, or `nil` when `trials` is 0 (no observation, no interval).
    ///
    /// `z` is the standard normal quantile of the confidence level; the default,
    /// `scipy.stats.norm.ppf(0.975)`, gives a 95% interval.
    package init?(successes: Int, trials: Int, z: Double = 1.959963984540054) {
        precondition(trials >= 0 && (0...trials).contains(successes), "successes \(successes) must be in 0...trials (\(trials))")
        precondition(z > 0, "z must be positive, got \(z)")
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let s = Double(successes)
        let zSquared = z * z
        let center = s + zSquared / 2
        let halfWidth = z * (s * (n - s) / n + zSquared / 4).squareRoot()
        let denominator = n + zSquared
        low = max(0, (center - halfWidth) / denominator)
        high = min(1, (center + halfWidth) / denominator)
    }
}

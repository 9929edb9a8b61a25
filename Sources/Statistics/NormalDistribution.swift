import Foundation

/// The standard normal distribution's tails, for the p-values of z statistics.
///
/// Hand-written (a one-line wrapper) because no maintained Swift statistics package is available to this
/// project (see ``ChiSquaredDistribution``). Built on the C library's `erfc`, which keeps its relative
/// accuracy far into the tail, where `1 - erf` or `1 - Φ` would cancel to 0 near z = 8.
package enum NormalDistribution {
    /// The upper-tail probability P(Z > `z`) for Z ~ N(0, 1), as `scipy.stats.norm.sf(z)`.
    ///
    ///     NormalDistribution.survival(1.959963984540054)  // 0.025
    package static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// The two-sided p-value of a z statistic, P(|Z| ≥ |`z`|), as `2 * scipy.stats.norm.sf(abs(z))`.
    ///
    /// Computed as erfc(|z|/√2) directly: the same number without doubling a halved value. NaN gives NaN.
    package static func twoSidedPValue(_ z: Double) -> Double {
        min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}

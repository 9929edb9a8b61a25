/// One interval as the ``DriftDetector`` found it.
package struct DriftInterval: Sendable, Hashable {
    package let start: Int64
    package let end: Int64
    /// Requests per target, in the order of the weights.
    package let requests: [Int]
    /// Each target's share of the interval's requests (0 when it had none), in the order of the weights.
    package let observedShares: [Double]
    /// The interval's own chi-square p-value; `nil` when it was not tested (too few requests, or a target of
    /// weight 0 received some).
    package let pValue: Double?
    /// The p-value after Holm's adjustment over the tested intervals; what is compared with `alpha`.
    package let adjustedPValue: Double?
    /// The largest |observed − configured share| in percentage points.
    package let maxDeviationPP: Double
    /// Whether the deviation is significant (see ``DriftDetector``).
    package let isSignificant: Bool
}

/// Why the drift detector could not test a series of intervals.
package enum DriftDetectorError: Error, Sendable, Hashable {
    /// A weight is negative, or none is positive: the weights must be a route's configured weights.
    case invalidWeights([Int])
    /// Interval `interval` (0-based) has `requests` counts but there are `weights` targets: give one count per target.
    case targetCountMismatch(interval: Int, requests: Int, weights: Int)
    /// `alpha` is not in (0, 1) or `tolerancePP` is negative: pass a significance level such as 0.001 and a
    /// tolerance in percentage points such as 1.
    case invalidThresholds(alpha: Double, tolerancePP: Double)
    /// Interval `interval` (0-based) has a negative count.
    case negativeRequests(interval: Int)
}

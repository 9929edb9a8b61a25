/// Why the drift detector could not test a series of intervals.
package enum DriftDetectorError: Error, Sendable, Hashable {
    /// A weight is negative, or none is positive: the weights must be a route's configured weights.
    case invalidWeights([Int])
    /// Interval `interval` (0-based) has `requests` counts but there are `weights` targets: give one count per target.
    case targetCountMismatch(interval: Int, requests: Int, weights: Int)
    /// Interval `interval` (0-based) has a negative count.
    case negativeRequests(interval: Int)
}

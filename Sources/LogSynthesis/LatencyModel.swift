/// A log-normal-ish distribution of request durations in whole milliseconds, given by its median and
/// its 99th percentile, capped at Envoy's default 15 s route timeout.
///
/// ```swift
/// let canary = LatencyModel(medianMilliseconds: 35, p99Milliseconds: 400)
/// ```
///
/// The model only shapes the data; exact percentiles come from ``GroundTruth``, which keeps every duration.
package struct LatencyModel: Sendable, Equatable {
    /// Half of the durations are at most this, at least 1.
    package var medianMilliseconds: Int
    /// About 99 % of the durations are at most this, at least ``medianMilliseconds``.
    package var p99Milliseconds: Int

    package init(medianMilliseconds: Int, p99Milliseconds: Int) {
        self.medianMilliseconds = medianMilliseconds
        self.p99Milliseconds = p99Milliseconds
    }
}

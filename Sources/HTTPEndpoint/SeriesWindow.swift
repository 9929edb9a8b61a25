/// The intervals of a Grafana time series: `[from, to)` cut at multiples of `step` milliseconds since the
/// epoch, with `step` at least Grafana's `intervalMs` and large enough that no series has more points than
/// `maxDataPoints` (nor the server's own limit).
package struct SeriesWindow: Sendable, Equatable {
    package var from: Int64
    package var to: Int64
    package var step: Int64

    package init(from: Int64, to: Int64, intervalMs: Double?, maxDataPoints: Double?, limits: EndpointConfiguration.Limits) throws(EndpointError) {
        guard from < to else { throw .badRequest("the range is empty or reversed: from is not before to", hint: "give range.from earlier than range.to") }
        let span = to - from
        guard span <= limits.rangeMilliseconds else {
            throw .badRequest("the range is longer than the longest window served", hint: "ask for at most \(limits.rangeMilliseconds / 86_400_000) days")
        }
        let requested = intervalMs.flatMap { $0.isFinite && $0 >= 1 && $0 <= 1e12 ? Int64($0) : nil } ?? 60_000
        let maxPoints = min(Int64(limits.pointsPerSeries), maxDataPoints.flatMap { $0.isFinite && $0 >= 1 && $0 <= 1e9 ? Int64($0) : nil } ?? Int64(limits.pointsPerSeries))
        // n aligned intervals of `step` overlap a span of at most (n - 1) * step, so step >= span / (n - 1)
        // keeps the count at n or under.
        let atLeast = maxPoints > 1 ? (span + maxPoints - 2) / (maxPoints - 1) : span + 1
        self.from = from
        self.to = to
        self.step = Self.alignedToRollups(max(requested, atLeast, 1))
    }

    /// `step` rounded up to whole minutes once it is a minute or more: intervals then start on minute boundaries,
    /// so each is answered from whole minute (or hour, day) rollups. A step of 60,042 ms — 24 h over 1,440 points —
    /// cut every minute at a different millisecond and read every request of the day from raw rows (2.9 s on 2M
    /// requests, against 5 ms aligned).
    static func alignedToRollups(_ step: Int64) -> Int64 {
        let minute: Int64 = 60_000
        guard step > minute else { return step }
        let (minutes, overflow) = ((step + minute - 1) / minute).multipliedReportingOverflow(by: minute)
        return overflow ? step : minutes
    }

    /// The first millisecond of every interval that overlaps the window, oldest first.
    package var buckets: [Int64] {
        let first = (from / step) * step - (from < 0 && from % step != 0 ? step : 0)
        return Array(stride(from: first, to: to, by: Int(step)))
    }
}

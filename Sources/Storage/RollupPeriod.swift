/// The resolutions `request_rollup` keeps: a minute, written by ingest, and the hour and day derived from
/// the same minutes in the same transaction, the way Prometheus and Thanos downsample, so that 30 days read
/// a few thousand rows per series.
package enum RollupPeriod: Int64, Sendable, CaseIterable, Comparable {
    case minute = 60_000
    case hour = 3_600_000
    case day = 86_400_000

    /// What rollup rows of requests without a start time have as `start`: no window holds them, the whole
    /// database does.
    package static let noStartTime = Int64.min

    /// Milliseconds.
    package var milliseconds: Int64 { rawValue }

    /// How a report names the resolution: `1m`, `1h`, `1d`.
    package var name: String {
        switch self {
        case .minute: "1m"
        case .hour: "1h"
        case .day: "1d"
        }
    }

    /// The start of the period that holds `time` (milliseconds since the epoch, negative ones too).
    package func start(of time: Int64) -> Int64 {
        guard time != Self.noStartTime else { return time }
        let remainder = time % rawValue
        return remainder < 0 ? time - remainder - rawValue : time - remainder
    }

    /// The first period start at or after `time`.
    package func ceiling(of time: Int64) -> Int64 {
        let floor = start(of: time)
        return floor == time ? time : floor + rawValue
    }

    package static func < (left: RollupPeriod, right: RollupPeriod) -> Bool {
        left.rawValue < right.rawValue
    }
}

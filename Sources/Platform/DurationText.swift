/// Durations as people write them: a whole number and a unit, `90s`, `15m`, `1h`, `7d`, `2w`.
package enum DurationText {
    /// The longest duration accepted: 100 years, far past any log's age, and far from `Int64` overflow when
    /// subtracted from a time.
    package static let maximumMilliseconds: Int64 = 100 * 366 * 86_400_000

    private static let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000]

    /// What went wrong with a duration.
    package enum Problem: Error, Sendable, Equatable {
        /// Not a positive whole number followed by s, m, h, d or w.
        case notADuration
        /// Longer than ``maximumMilliseconds``.
        case tooLong
    }

    /// `text` in milliseconds.
    package static func milliseconds(_ text: String) throws(Problem) -> Int64 {
        guard let unit = text.last, let scale = units[unit], let count = Int64(text.dropLast()), count > 0 else { throw .notADuration }
        let (milliseconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, milliseconds <= maximumMilliseconds else { throw .tooLong }
        return milliseconds
    }
}

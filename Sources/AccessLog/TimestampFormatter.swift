/// Writes milliseconds since the epoch as RFC 3339 in UTC with milliseconds, as Envoy's default
/// `%START_TIME%` does: `2016-04-15T20:17:00.310Z`.
package enum TimestampFormatter {
    package static func rfc3339(millisecondsSinceEpoch milliseconds: Int64) -> String {
        let (days, millisecondOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = millisecondOfDay / 3_600_000
        let minute = millisecondOfDay / 60_000 % 60
        let second = millisecondOfDay / 1000 % 60
        let millisecond = millisecondOfDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    /// Writes what ``rfc3339(millisecondsSinceEpoch:)`` returns at `out`, and moves `out` past it,
    /// without building a `String` for the years 0 to 9999. The caller reserved 32 bytes or more.
    static func putRFC3339(millisecondsSinceEpoch milliseconds: Int64, to out: inout UnsafeMutableRawPointer) {
        let (days, millisecondOfDay) = milliseconds.floorDivided(by: 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(year) else {
            for byte in rfc3339(millisecondsSinceEpoch: milliseconds).utf8 { out.put(byte) }
            return
        }
        func digits(_ value: Int64, _ width: Int, then separator: UInt8) {
            var remaining = value
            var index = width
            while index > 0 {
                index -= 1
                out.storeBytes(of: UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0"), toByteOffset: index, as: UInt8.self)
                remaining /= 10
            }
            out += width
            out.put(separator)
        }
        digits(year, 4, then: UInt8(ascii: "-"))
        digits(month, 2, then: UInt8(ascii: "-"))
        digits(day, 2, then: UInt8(ascii: "T"))
        digits(millisecondOfDay / 3_600_000, 2, then: UInt8(ascii: ":"))
        digits(millisecondOfDay / 60_000 % 60, 2, then: UInt8(ascii: ":"))
        digits(millisecondOfDay / 1000 % 60, 2, then: UInt8(ascii: "."))
        digits(millisecondOfDay % 1000, 3, then: UInt8(ascii: "Z"))
    }

    /// Howard Hinnant's `civil_from_days`: <https://howardhinnant.github.io/date_algorithms.html#civil_from_days>.
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = self % divisor
        return remainder < 0 ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
    }
}

/// Writes Envoy's default `%START_TIME%`, `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, e.g. `2026-11-26T10:00:00.123Z`.
///
/// Hand-written instead of `ISO8601DateFormatter` because formatting a `Date` costs more than the rest of
/// a line; the calendar date is computed once per day with Howard Hinnant's `civil_from_days`
/// (https://howardhinnant.github.io/date_algorithms.html#civil_from_days).
struct UTCTimestampWriter: Sendable {
    private var cachedDay = -1
    private var datePrefix: [UInt8] = []

    /// Writes the timestamp of a non-negative number of milliseconds since 1970-01-01T00:00:00Z.
    mutating func append(millisecondsSince1970 milliseconds: Int, to buffer: inout [UInt8]) {
        let day = milliseconds / 86_400_000
        if day != cachedDay {
            cachedDay = day
            datePrefix = Self.datePrefix(daysSince1970: day)
        }
        buffer.append(contentsOf: datePrefix)
        let millisecondOfDay = milliseconds - day * 86_400_000
        buffer.appendZeroPadded(millisecondOfDay / 3_600_000, width: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendZeroPadded(millisecondOfDay / 60_000 % 60, width: 2)
        buffer.append(UInt8(ascii: ":"))
        buffer.appendZeroPadded(millisecondOfDay / 1_000 % 60, width: 2)
        buffer.append(UInt8(ascii: "."))
        buffer.appendZeroPadded(millisecondOfDay % 1_000, width: 3)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DDT` for a non-negative day count.
    private static func datePrefix(daysSince1970 days: Int) -> [UInt8] {
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var prefix: [UInt8] = []
        prefix.appendZeroPadded(year, width: 4)
        prefix.append(UInt8(ascii: "-"))
        prefix.appendZeroPadded(month, width: 2)
        prefix.append(UInt8(ascii: "-"))
        prefix.appendZeroPadded(day, width: 2)
        prefix.append(UInt8(ascii: "T"))
        return prefix
    }
}

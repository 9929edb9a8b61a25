/// The time of day of a report's RFC 3339 timestamps, for charts and drift ranges.
enum TimeOfDay {
    /// Minutes since midnight of `2026-11-20T10:05:00.000Z`-style text (600 + 5 = 605); 1440 for the next
    /// day's midnight when `day` is given and the text is on a later date; `nil` when it does not parse.
    ///
    /// Hand-parsed: the report writes these strings itself, always UTC with `Z`, so Foundation's date parsing
    /// (and its locale and time-zone settings) is more than needed.
    static func minutes(_ timestamp: String, day: String? = nil) -> Int? {
        let parts = timestamp.split(separator: "T", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let clock = parts[1].prefix(5).split(separator: ":")
        guard clock.count == 2, let hours = Int(clock[0]), let minutes = Int(clock[1]), (0..<24).contains(hours), (0..<60).contains(minutes) else {
            return nil
        }
        if let day, parts[0] > Substring(day) { return 24 * 60 }
        return hours * 60 + minutes
    }

    /// `HH:MM` of `timestamp`, or the text itself when it does not parse; `24:00` for the next midnight.
    static func label(_ timestamp: String, day: String? = nil) -> String {
        guard let minutes = minutes(timestamp, day: day) else { return timestamp }
        return label(minutes: minutes)
    }

    static func label(minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

import Platform
import AccessLog

/// Times and durations as query parameters: `from`/`to` in RFC 3339 or milliseconds since the epoch (what
/// Grafana Infinity's `${__from}`/`${__to}` send), `since` as the CLI's `90s`, `15m`, `1h`, `7d`, `2w`.
enum TimeParameter {
    /// Milliseconds since the epoch of `text`, or a 400 naming `name`.
    static func milliseconds(_ text: Substring, name: String) throws(EndpointError) -> Int64 {
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), text.count <= 15, let value = Int64(text) {
            return value
        }
        // A `+01:00` offset arrives as ` 01:00` when the caller did not percent-encode the plus sign.
        let repaired = text.spacesAsPlusSigns
        guard let milliseconds = Array(repaired.utf8).withUnsafeBytes({ TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }) else {
            throw .badRequest(
                "\(name)=\(text) is not a time",
                hint: "give RFC 3339 (2026-11-26T10:00:00Z, +01:00 encoded as %2B01:00) or milliseconds since the epoch (1795687200000)"
            )
        }
        return milliseconds
    }

    /// Milliseconds in a duration such as `90s`, `15m`, `1h`, `7d`, `2w`: ``DurationText``, as the CLI's `--since`.
    static func duration(_ text: Substring, name: String) throws(EndpointError) -> Int64 {
        do {
            return try DurationText.milliseconds(String(text))
        } catch .tooLong {
            throw .badRequest("\(name)=\(text) is longer than 100 years", hint: "give a shorter duration, such as 30d")
        } catch {
            throw .badRequest("\(name)=\(text) is not a duration", hint: "give a whole number and a unit: 90s, 15m, 1h, 7d or 2w")
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    fileprivate var spacesAsPlusSigns: String {
        String(map { $0 == " " ? "+" : $0 })
    }
}

import AccessLog
import ArgumentParser

/// Times on the command line: RFC 3339, `2026-11-26T10:00:00Z`, `2026-11-26T11:00:00.250+01:00`.
enum TimeOption {
    /// Milliseconds since the epoch of `text`; the error names `option` and shows a time that would do.
    static func milliseconds(_ text: String, option: String) throws -> Int64 {
        guard let milliseconds = Array(text.utf8).withUnsafeBytes({ TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }) else {
            throw ValidationError("\(option) \(text) is not an RFC 3339 time such as 2026-11-26T10:00:00Z")
        }
        return milliseconds
    }
}

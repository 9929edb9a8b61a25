/// How a `%START_TIME%` value is written: Envoy's default (RFC 3339 in UTC with milliseconds) or the
/// strftime pattern in `%START_TIME(...)%`, with Envoy's extensions `%s` (epoch seconds), `%Nf` (N fraction
/// digits) and `%ENS` (seconds with N fraction digits).
///
/// See <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#config-access-log-format-start-time>.
/// Hand-written rather than Foundation's `DateFormatter` because it runs once per log line.
package struct TimestampPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(UInt8)
        case year, shortYear, month, day, hour, minute, second
        /// Fraction-of-second digits: exactly `digits`, or as many as are written when `nil`.
        case fraction(digits: Int?)
        case epochSeconds
        /// `+hhmm`, `-hhmm`, `+hh:mm` or `Z`.
        case zone
        case monthName
        /// A run of letters that carries nothing RouteLens needs, such as a weekday name or `%Z`.
        case letters
    }

    /// `nil` for Envoy's default, parsed as any RFC 3339 timestamp.
    let tokens: [Token]?

    /// Envoy's default `START_TIME` format, `%Y-%m-%dT%H:%M:%E3SZ`; any RFC 3339 timestamp is accepted.
    package static let rfc3339 = TimestampPattern(tokens: nil)

    private init(tokens: [Token]?) {
        self.tokens = tokens
    }

    /// Compiles a strftime pattern; `position` is where the pattern starts in the format string, for errors.
    package init(strftime pattern: String, position: Int = 1) throws(FormatStringError) {
        let bytes = Array(pattern.utf8)
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count else {
                tokens.append(.literal(bytes[index]))
                index += 1
                continue
            }
            var specifier = bytes[index + 1]
            var digits: Int?
            var next = index + 2
            if specifier == UInt8(ascii: "E"), next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "S") {
                digits = Int(bytes[next]) - Int(UInt8(ascii: "0"))
                specifier = UInt8(ascii: "S")
                next += 2
                tokens.append(.second)
                if let digits, digits > 0 {
                    tokens.append(.literal(UInt8(ascii: ".")))
                    tokens.append(.fraction(digits: digits))
                }
                index = next
                continue
            }
            if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(specifier), next < bytes.count, bytes[next] == UInt8(ascii: "f") {
                tokens.append(.fraction(digits: Int(specifier - UInt8(ascii: "0"))))
                index = next + 1
                continue
            }
            switch specifier {
            case UInt8(ascii: "Y"): tokens.append(.year)
            case UInt8(ascii: "y"): tokens.append(.shortYear)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): tokens.append(.day)
            case UInt8(ascii: "H"): tokens.append(.hour)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "f"): tokens.append(.fraction(digits: nil))
            case UInt8(ascii: "s"): tokens.append(.epochSeconds)
            case UInt8(ascii: "z"): tokens.append(.zone)
            case UInt8(ascii: "b"), UInt8(ascii: "h"): tokens.append(.monthName)
            case UInt8(ascii: "a"), UInt8(ascii: "A"), UInt8(ascii: "Z"), UInt8(ascii: "B"): tokens.append(.letters)
            case UInt8(ascii: "T"): tokens += [.hour, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second]
            case UInt8(ascii: "F"): tokens += [.year, .literal(UInt8(ascii: "-")), .month, .literal(UInt8(ascii: "-")), .day]
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            default:
                throw FormatStringError(
                    position: position + index,
                    reason: "strftime specifier %\(Character(Unicode.Scalar(specifier))) in START_TIME is not supported"
                        + " (supported: %Y %y %m %d %e %H %M %S %T %F %z %Z %a %b %s %f %3f %6f %9f %E3S)"
                )
            }
            index = next
        }
        self.tokens = tokens
    }

    /// Milliseconds since the Unix epoch, or `nil` when the bytes are not a timestamp of this pattern.
    package func millisecondsSinceEpoch(_ value: UnsafeRawBufferPointer) -> Int64? {
        var scanner = TimestampScanner(value)
        if let tokens {
            return scanner.scan(tokens)
        }
        return scanner.scanRFC3339()
    }
}

/// A condition on one request header (or gRPC metadata entry) of a route match.
///
/// Mirrors App Mesh [`HttpRouteHeader`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpRouteHeader.html)
/// with its [`HeaderMatchMethod`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HeaderMatchMethod.html).
/// A header listed without a `match` only has to be present.
package struct HeaderMatch: Sendable, Equatable {
    /// How the header value is tested.
    package enum Condition: Sendable, Equatable {
        case present
        case exact(String)
        case prefix(String)
        case suffix(String)
        /// The whole value must match, as with Envoy's RE2 header matching.
        case regex(RegexPattern)
        /// The value must be an integer in `start..<end`: App Mesh's
        /// [`MatchRange`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_MatchRange.html) excludes `end`.
        case range(Range<Int>)
    }

    /// The header name, lower-cased: header names are case-insensitive.
    package let name: String
    package let condition: Condition
    /// When `true` the header matches if the condition does not hold.
    package let invert: Bool

    /// Whether a request whose header has `value` (`nil` when the access log did not record it) satisfies this match.
    ///
    /// An absent header does not match, unless the match is inverted: access logs record only a few headers,
    /// so absence from the log counts as a value that fails the condition. (Envoy itself fails an inverted
    /// `exact`/`prefix`/… match on a header the request did not carry.)
    func matches(_ value: String?) -> Bool {
        guard let value else { return invert }
        return condition.holds(for: value) != invert
    }
}

extension HeaderMatch.Condition {
    fileprivate func holds(for value: String) -> Bool {
        switch self {
        case .present: true
        case .exact(let expected): value == expected
        case .prefix(let prefix): value.hasPrefix(prefix)
        case .suffix(let suffix): value.hasSuffix(suffix)
        case .regex(let regex): regex.wholeMatches(value[...])
        case .range(let range): Int(value).map(range.contains) ?? false
        }
    }
}

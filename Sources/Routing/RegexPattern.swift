/// A regular expression from a route definition, compiled once when the route is loaded.
///
/// App Mesh hands these patterns to Envoy, which matches them with RE2 against the whole value
/// ([`RegexMatcher`](https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/matcher/v3/regex.proto));
/// Swift `Regex` accepts the RE2 syntax used in practice, and ``wholeMatches(_:)`` matches the whole value too.
///
/// `@unchecked Sendable` because `Regex` is not declared `Sendable` only on account of custom regex
/// components that may capture closures; a regex compiled from a string has none, and its lazily
/// compiled program is published atomically, so sharing it across threads is safe
/// (swiftlang/swift-experimental-string-processing#474).
package struct RegexPattern: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written in the route definition.
    package let pattern: String
    private let regex: Regex<AnyRegexOutput>
    /// The same pattern in the C library's engine, when it means the same there: much faster (see ``POSIXRegex``).
    private let posix: POSIXRegex?

    init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try Regex(pattern)
        posix = POSIXRegex(wholeMatching: pattern)
    }

    package var description: String { pattern }

    package func wholeMatches(_ value: Substring) -> Bool {
        if let posix { return posix.wholeMatches(value) }
        return (try? regex.wholeMatch(in: value)) != nil
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool {
        lhs.pattern == rhs.pattern
    }

    /// Text every match starts with, for skipping the regex on values that cannot match: the pattern's leading
    /// literal characters, up to the first operator (a character a quantifier makes optional excluded). Empty when
    /// the pattern starts with flags or a group, or has an alternation anywhere.
    package var literalPrefix: String {
        var text = pattern.hasPrefix("^") ? pattern.dropFirst() : pattern[...]
        if text.contains("|") { return "" }
        var literal = ""
        while let character = text.first, !"\\^$.|?*+()[]{}".contains(character) {
            literal.append(character)
            text = text.dropFirst()
        }
        if let next = text.first, "?*{".contains(next), !literal.isEmpty { literal.removeLast() }
        return literal
    }

    /// A pattern that matches `text` literally: every character but letters, digits and `_` escaped.
    static func escaping(_ text: String) -> String {
        text.map { $0.isLetter || $0.isNumber || $0 == "_" ? String($0) : "\\\($0)" }.joined()
    }
}

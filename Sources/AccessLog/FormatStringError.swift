/// A format string RouteLens cannot turn into a parser, with the position of the problem.
package struct FormatStringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based character position in the format string.
    package var position: Int
    package var reason: String

    package var description: String {
        "format string, character \(position): \(reason)"
    }
}

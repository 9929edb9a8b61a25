/// Why a line is not a record of the format; the caller adds the file and line number.
package struct LineRejection: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }

    package var description: String { reason }
}

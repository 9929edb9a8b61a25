package import Foundation

/// The one JSON encoding of every report, shared by `--output json` and the HTTP endpoint so that the same question
/// gets the same bytes from both: keys sorted, slashes unescaped (paths and route names stay readable).
package enum ReportJSON {
    /// `value` encoded as RouteLens prints it.
    package static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// ``data(_:)`` as text.
    package static func string(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}

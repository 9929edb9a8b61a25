import Foundation

/// A named SQL report from `queries/reports/`, shipped inside the binary's resource bundle.
///
/// Every report takes the same named parameters: `:from` and `:to` (milliseconds since the epoch, or
/// NULL for unbounded), `:route` (NULL for all), `:by_target` and `:by_operation` (0 or 1),
/// `:health_checks` (1 for health checks only, 0 for everything else) and `:side` (`outbound`,
/// `inbound` or `both`); `errors.sql` says what each means.
///
/// SQL several reports share lives once, in a file whose name starts with `_` (`_scope.sql`); a report includes it
/// with a line `-- @include scope`, replaced by the file's text when the report is loaded.
package struct NamedQuery: Sendable, Equatable {
    package var name: String
    package var sql: String

    /// The report `queries/reports/NAME.sql`, its includes expanded.
    package static func named(_ name: String) throws(NamedQueryError) -> NamedQuery {
        guard !name.hasPrefix("_"), let sql = text(of: name) else {
            throw NamedQueryError(name: name, available: available)
        }
        return NamedQuery(name: name, sql: try expandingIncludes(in: sql, of: name))
    }

    /// The names of every shipped report (fragments left out).
    package static var available: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") && !$0.hasPrefix("_") }.map { String($0.dropLast(4)) }.sorted()
    }

    private static let includeMarker = "-- @include "

    /// `queries/reports/` as shipped in the resource bundle.
    private static var directory: URL {
        (Bundle.module.resourceURL ?? Bundle.module.bundleURL).appendingPathComponent("reports")
    }

    private static func text(of file: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(file + ".sql"), encoding: .utf8)
    }

    /// `sql` with each `-- @include NAME` line replaced by `queries/reports/_NAME.sql`.
    private static func expandingIncludes(in sql: String, of name: String) throws(NamedQueryError) -> String {
        var lines: [Substring] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix(includeMarker) else {
                lines.append(line)
                continue
            }
            let fragment = line.dropFirst(includeMarker.count).trimmingCharacters(in: .whitespaces)
            guard let text = text(of: "_" + fragment) else {
                throw NamedQueryError(name: "\(name) (its include \(fragment))", available: available)
            }
            lines.append(Substring(text.hasSuffix("\n") ? String(text.dropLast()) : text))
        }
        return lines.joined(separator: "\n")
    }
}

/// A report name that is not in `queries/reports/`.
package struct NamedQueryError: Error, Sendable, CustomStringConvertible {
    package var name: String
    package var available: [String]

    package var description: String {
        "no report named \(name); available: \(available.joined(separator: ", "))"
    }
}

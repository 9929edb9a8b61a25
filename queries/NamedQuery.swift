import Foundation

/// A named SQL report from `queries/`, shipped inside the binary's resource bundle.
///
/// Every report takes the same named parameters: `:from` and `:to` (milliseconds since the epoch, or
/// NULL for unbounded), `:route` (NULL for all), `:by_target` and `:by_operation` (0 or 1),
/// `:health_checks` (1 for health checks only, 0 for everything else) and `:side` (`outbound`,
/// `inbound` or `both`); `errors.sql` says what each means.
package struct NamedQuery: Sendable, Equatable {
    package var name: String
    package var sql: String

    /// The report `queries/NAME.sql`.
    package static func named(_ name: String) throws(NamedQueryError) -> NamedQuery {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql"),
            let sql = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw NamedQueryError(name: name, available: available)
        }
        return NamedQuery(name: name, sql: sql)
    }

    /// The names of every shipped report.
    package static var available: [String] {
        let directory = Bundle.module.resourceURL
        let names = directory.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        return names.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
    }
}

/// A report name that is not in `queries/`.
package struct NamedQueryError: Error, Sendable, CustomStringConvertible {
    package var name: String
    package var available: [String]

    package var description: String {
        "no report named \(name); available: \(available.joined(separator: ", "))"
    }
}

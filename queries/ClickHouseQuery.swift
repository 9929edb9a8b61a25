import Foundation

/// A statement from `queries/clickhouse/`: the DDL `routelens clickhouse init` runs and the fleet reports.
///
/// ClickHouse 18.16 (Debian's) has no query parameters, so a file holds `{name}` placeholders that the caller fills
/// with identifiers it checked or literals it quoted (``filled(_:)``); each file is one statement, as ClickHouse's HTTP
/// interface runs one per request.
package struct ClickHouseQuery: Sendable, Equatable {
    package var name: String
    package var sql: String

    /// `queries/clickhouse/NAME.sql`.
    package static func named(_ name: String) throws(NamedQueryError) -> ClickHouseQuery {
        let url = (Bundle.module.resourceURL ?? Bundle.module.bundleURL).appendingPathComponent("clickhouse").appendingPathComponent(name + ".sql")
        guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
            throw NamedQueryError(name: "clickhouse/\(name)", available: [])
        }
        return ClickHouseQuery(name: name, sql: sql)
    }

    /// The statement with each `{key}` replaced by its value, comment lines dropped and no trailing `;`.
    package func filled(_ values: [String: String]) -> String {
        var text = sql.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        for (key, value) in values {
            text = text.replacingOccurrences(of: "{\(key)}", with: value)
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.hasSuffix(";") ? String(text.dropLast()) : text
    }
}

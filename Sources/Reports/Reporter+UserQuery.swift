import AccessLog
import Foundation
import GRDB
import Platform
package import Queries
package import Storage

extension Reporter {
    /// Runs `query` with `values` (parameter name to its text as typed) bound to its declared parameters; parameters
    /// not given take their declared default.
    package func run(_ query: UserQuery, values: [String: String]) throws(UserQueryError) -> QueryResult {
        let declared = query.parameters.map(\.name)
        if let unknown = values.keys.sorted().first(where: { !declared.contains($0) }) {
            throw .unknownParameter(query: query.name, name: unknown, declared: declared)
        }
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        for parameter in query.parameters {
            arguments[parameter.name] = try Self.bound(values[parameter.name] ?? parameter.defaultValue, for: parameter, of: query)
        }
        do {
            return try database.pool.read { db in
                let statement = try db.makeStatement(sql: query.sql)
                let rows = try Row.fetchAll(statement, arguments: StatementArguments(arguments))
                return QueryResult(query: query.name, columns: statement.columnNames, rows: rows.map { row in row.databaseValues.map(Self.value) })
            }
        } catch {
            throw .badDeclaration(source: query.source, line: 1, problem: "the query failed: \(StorageError(error, operation: .read("query \(query.name)"), path: database.path).detail)")
        }
    }

    /// `text` converted for binding as `parameter` declares; `nil` binds NULL.
    static func bound(_ text: String?, for parameter: UserQuery.Parameter, of query: UserQuery) throws(UserQueryError) -> (any DatabaseValueConvertible)? {
        guard let text else { return nil }
        func bad(_ expected: String) -> UserQueryError {
            .badValue(query: query.name, parameter: parameter.name, value: text, expected: expected)
        }
        switch parameter.kind {
        case .text:
            return text
        case .integer:
            guard let value = Int64(text) else { throw bad("a whole number") }
            return value
        case .number:
            guard let value = Double(text), value.isFinite else { throw bad("a number") }
            return value
        case .duration:
            guard let value = try? DurationText.milliseconds(text) else { throw bad("a duration such as 90s, 15m, 1h, 7d or 2w") }
            return value
        case .time:
            if let milliseconds = Int64(text) { return milliseconds }
            guard let value = Array(text.utf8).withUnsafeBytes({ TimestampPattern.rfc3339.millisecondsSinceEpoch($0) }) else {
                throw bad("an RFC 3339 time such as 2026-11-26T10:00:00Z, or milliseconds since the epoch")
            }
            return value
        }
    }

    private static func value(_ value: DatabaseValue) -> QueryResult.Value {
        switch value.storage {
        case .null: .null
        case .int64(let integer): .integer(integer)
        case .double(let real): .real(real)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined())
        }
    }
}

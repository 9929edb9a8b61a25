import AccessLog
import GRDB
import Queries
package import Storage

/// Runs the named reports in `queries/` against a request database and shapes their answers.
package struct Reporter: Sendable {
    package let database: RequestDatabase

    package init(database: RequestDatabase) {
        self.database = database
    }

    /// Runs `queries/reports/NAME.sql` over `scope` (and the `extra` named parameters it declares) and returns its rows.
    func rows(_ name: String, _ scope: ReportScope, extra: [String: (any DatabaseValueConvertible)?] = [:]) throws(StorageError) -> [Row] {
        do {
            let query = try NamedQuery.named(name)
            var arguments = scope.arguments
            if !extra.isEmpty { arguments += StatementArguments(extra) }
            return try database.pool.read { db in try Row.fetchAll(db, sql: query.sql, arguments: arguments) }
        } catch {
            throw StorageError(error, operation: .read("report \(name)"), path: database.path)
        }
    }

    /// The first and last start time of the requests in `scope`, as RFC 3339.
    func coveredWindow(_ scope: ReportScope) throws(StorageError) -> (from: String?, to: String?) {
        let row = try rows("window", scope).first
        let first: Int64? = row?["first_start_time"]
        let last: Int64? = row?["last_start_time"]
        return (
            first.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)),
            last.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:))
        )
    }
}

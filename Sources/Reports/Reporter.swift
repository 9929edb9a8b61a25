import AccessLog
import GRDB
import Queries
package import Storage

/// Runs the named reports in `queries/` against a request database and shapes their answers.
package struct Reporter: Sendable {
    package let database: RequestDatabase
    /// Windows with at most this many raw rows (and none deleted) are answered exactly from raw rows; see ``SourcePlan``.
    package var exactRowLimit: Int64

    package init(database: RequestDatabase, exactRowLimit: Int64 = SourcePlan.smallWindowRows) {
        self.database = database
        self.exactRowLimit = exactRowLimit
    }

    /// Runs `queries/reports/NAME.sql` over `scope`, reading what `plan` says (and the `extra` named parameters the
    /// query declares), and returns its rows.
    func rows(
        _ name: String, _ scope: ReportScope, _ plan: SourcePlan, extra: [String: (any DatabaseValueConvertible)?] = [:]
    ) throws(StorageError) -> [Row] {
        do {
            let query = try NamedQuery.named(name)
            var arguments = plan.arguments(adding: scope.arguments)
            if !extra.isEmpty { _ = arguments.append(contentsOf: StatementArguments(extra)) }
            return try database.pool.read { db in try Row.fetchAll(db, sql: query.sql, arguments: arguments) }
        } catch {
            throw StorageError(error, operation: .read("report \(name)"), path: database.path)
        }
    }

    /// Where a report over `scope` reads from; no rollup tile spans one of `cuts`.
    package func plan(_ scope: ReportScope, cuts: [Int64] = []) throws(StorageError) -> SourcePlan {
        do {
            let holdings = try database.pool.read { db in try SourcePlan.Holdings.read(db, from: scope.from, to: scope.to) }
            return SourcePlan.plan(from: scope.from, to: scope.to, exact: scope.exact, holdings: holdings, cuts: cuts, exactRowLimit: exactRowLimit)
        } catch {
            throw StorageError(error, operation: .read("what the database holds"), path: database.path)
        }
    }

    /// The start time of the newest request in the database (raw rows, else minute rollups); `nil` when empty.
    package func newestRequestTime() throws(StorageError) -> Int64? {
        try database.newestStartTime()
    }

    /// Runs `queries/reports/NAME.sql` over `scope`'s raw rows only (what the daily report's per-interval and
    /// per-class figures need: rollups keep neither), with the `extra` named parameters it declares.
    func rawRows(_ name: String, _ scope: ReportScope, extra: [String: (any DatabaseValueConvertible)?] = [:]) throws(StorageError) -> [Row] {
        try rows(name, scope, SourcePlan(raw: [.init(from: scope.from, to: scope.to)], tiles: []), extra: extra)
    }

    /// The first and last start time of the requests in `scope`, as RFC 3339.
    func coveredWindow(_ scope: ReportScope, _ plan: SourcePlan) throws(StorageError) -> (from: String?, to: String?) {
        let row = try rows("window", scope, plan).first
        let first: Int64? = row?["first_start_time"]
        let last: Int64? = row?["last_start_time"]
        return (
            first.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)),
            last.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:))
        )
    }
}

import AccessLog
import GRDB
package import Storage

extension Reporter {
    /// Every route name the database has requests or rollups for (both refer to request shapes), sorted.
    package func routeNames() throws(StorageError) -> [String] {
        do {
            return try database.pool.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT text FROM label WHERE id IN (SELECT route_id FROM request_shape) ORDER BY 1
                        """
                )
            }
        } catch {
            throw StorageError(error, operation: .read("listing routes"), path: database.path)
        }
    }

    /// When `scope` names a route the database has never seen: the routes it has, to say so instead of answering
    /// with an empty report. `nil` when the scope names no route or a known one.
    package func knownRoutes(ifUnknownIn scope: ReportScope) throws(StorageError) -> [String]? {
        guard let route = scope.route else { return nil }
        let names = try routeNames()
        return names.contains(route) ? nil : names
    }

    /// Why a report over `scope` found nothing: what the database holds, and when.
    package func explanationOfEmptyAnswer(for scope: ReportScope) throws(StorageError) -> String {
        let whole = ReportScope(healthChecks: scope.healthChecks, side: scope.side)
        let everything = try coveredWindow(whole, try plan(whole))
        guard let first = everything.from, let last = everything.to else {
            return scope.healthChecks
                ? "the database holds no health checks" : "the database holds no requests yet; ingest logs first (routelens ingest)"
        }
        let window = [scope.from.map { "from " + TimestampFormatter.rfc3339(millisecondsSinceEpoch: $0) }, scope.to.map { "to " + TimestampFormatter.rfc3339(millisecondsSinceEpoch: $0) }]
            .compactMap { $0 }.joined(separator: " ")
        return "no requests \(window.isEmpty ? "in scope" : window)\(scope.route.map { " for route \($0)" } ?? ""); the database holds requests from \(first) to \(last)"
    }
}

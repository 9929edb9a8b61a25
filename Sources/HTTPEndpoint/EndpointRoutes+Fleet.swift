import ClickHouse
import HTTPTypes
import Reports
import Storage

/// Answers from the local database, or from ClickHouse with `serve --clickhouse`.
extension EndpointRoutes {
    /// `local` on the reads queue, or, with a fleet configured, `fleet`: a network call that blocks no thread, so it
    /// runs on the request's own task.
    func answer<T: Sendable>(
        local: @escaping @Sendable (RequestDatabase) throws(StorageError) -> T,
        fleet: @Sendable (ClickHouseReporter) async throws(ClickHouseError) -> T
    ) async throws(EndpointError) -> T {
        guard let reporter = configuration.fleet else { return try await read(local) }
        do {
            return try await fleet(reporter)
        } catch {
            throw error.endpointError
        }
    }

    /// The split test of `scope`. From the fleet, the route weights' versions still come from the local database
    /// (see `ClickHouseReporter.split`): a fleet server needs `--db` with the routes imported.
    func split(_ scope: ReportScope, alpha: Double, tolerancePP: Double) async throws(EndpointError) -> SplitReport {
        guard let reporter = configuration.fleet else {
            return try await read { database throws(StorageError) in try Reporter(database: database).split(scope, alpha: alpha, tolerancePP: tolerancePP) }
        }
        let history = try await read { database throws(StorageError) in try database.routeWeightHistory() }
        do {
            return try await reporter.split(scope, history: history, alpha: alpha, tolerancePP: tolerancePP)
        } catch {
            throw error.endpointError
        }
    }
}

extension ClickHouseError {
    /// A failed fleet read as the caller sees it: 503 when waiting may fix it (ClickHouse down or busy), else 502,
    /// ClickHouse being the server behind this one.
    var endpointError: EndpointError {
        EndpointError(
            isTransient ? .serviceUnavailable : .badGateway, description,
            hint: isTransient ? "try again; ClickHouse is down or busy" : "check serve's --clickhouse options and routelens clickhouse init"
        )
    }
}

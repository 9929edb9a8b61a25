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

    /// The errors report of `scope`, from the local database or the fleet.
    func errors(_ scope: ReportScope) async throws(EndpointError) -> ErrorReport {
        try await answer(
            local: { database throws(StorageError) in try Reporter(database: database).errors(scope) },
            fleet: { fleet throws(ClickHouseError) in try await fleet.errors(scope) }
        )
    }

    /// The latency report of `scope`, from the local database or the fleet.
    func latency(_ scope: ReportScope) async throws(EndpointError) -> LatencyReport {
        try await answer(
            local: { database throws(StorageError) in try Reporter(database: database).latency(scope) },
            fleet: { fleet throws(ClickHouseError) in try await fleet.latency(scope) }
        )
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

extension EndpointRoutes {
    /// Grafana's counts per interval, from the local database or the fleet.
    func seriesCounts(_ scope: ReportScope, _ window: SeriesWindow) async throws(EndpointError) -> [SeriesRows.Count] {
        try await answer(
            local: { database throws(StorageError) in try SeriesRows.counts(database, scope: scope, window: window) },
            fleet: { fleet throws(ClickHouseError) in
                try await fleet.seriesCounts(scope, step: window.step).map { count in
                    SeriesRows.Count(
                        bucket: count.bucket, route: count.route, target: scope.byTarget ? (count.target ?? ReportNames.noTarget) : nil,
                        requests: count.requests, errors5xx: count.errors5xx, errors4xx: count.errors4xx
                    )
                }
            }
        )
    }

    /// Grafana's durations per group and interval, each list sorted; `nil` when the window holds more than `limit`.
    func seriesDurations(_ scope: ReportScope, _ window: SeriesWindow, limit: Int) async throws(EndpointError) -> [SeriesRows.Key: [Int64: [Int64]]]? {
        try await answer(
            local: { database throws(StorageError) in try SeriesRows.durations(database, scope: scope, window: window, limit: limit) },
            fleet: { fleet throws(ClickHouseError) in
                guard let groups = try await fleet.seriesDurations(scope, step: window.step, limit: limit) else { return nil }
                var grouped: [SeriesRows.Key: [Int64: [Int64]]] = [:]
                for group in groups {
                    let key = SeriesRows.Key(route: group.route, target: scope.byTarget ? (group.target ?? ReportNames.noTarget) : nil)
                    grouped[key, default: [:]][group.bucket, default: []] += group.durations
                }
                return grouped.mapValues { $0.mapValues { $0.sorted() } }
            }
        )
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

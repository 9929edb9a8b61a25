import Hummingbird
import Reports
import Storage

/// `GET /api/v1/routes|errors|latency|split`: the CLI's `routelens query … --output json`, byte for byte, for
/// the same question. Parameters: `from`, `to` (RFC 3339 or milliseconds since the epoch), `since` (`1h`),
/// `route`, `by` (`target`, `operation`), `health_checks`, `side`; split also `alpha`, `tolerance_pp`.
extension EndpointRoutes {
    static let scopeParameters: Set<String> = ["from", "to", "since", "route", "by", "health_checks", "side"]

    func addAPI(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/routes") { request, _ in
            _ = try QueryParameters(request, allowed: [])
            let catalog = try await read { database throws(StorageError) in try RouteCatalog.read(database) }
            return JSONResponse.response(catalog)
        }
        router.get("/api/v1/errors") { request, _ in
            let scope = try await scope(of: request, allowed: Self.scopeParameters)
            let report = try await errors(scope)
            try checkRows(report.routes.count)
            return JSONResponse.response(report)
        }
        router.get("/api/v1/latency") { request, _ in
            let scope = try await scope(of: request, allowed: Self.scopeParameters)
            let report = try await latency(scope)
            try checkRows(report.routes.count)
            return JSONResponse.response(report)
        }
        router.get("/api/v1/split") { request, _ in
            let parameters = try QueryParameters(request, allowed: Self.scopeParameters.union(["alpha", "tolerance_pp"]))
            let (alpha, tolerance) = try Self.splitOptions(parameters)
            let scope = try await checkedScope(parameters)
            let report = try await split(scope, alpha: alpha, tolerancePP: tolerance)
            try checkRows(report.routes.reduce(0) { $0 + $1.targets.count })
            return JSONResponse.response(report)
        }
    }

    /// The scope `request` asks for, its route checked against the database's.
    func scope(of request: Request, allowed: Set<String>) async throws(EndpointError) -> ReportScope {
        try await checkedScope(QueryParameters(request, allowed: allowed))
    }

    /// The scope of `parameters`; its route checked against the local database's, unless the answer comes from the
    /// fleet (whose routes a server that does not follow logs may not hold).
    func checkedScope(_ parameters: QueryParameters) async throws(EndpointError) -> ReportScope {
        let scope = try parameters.scope(now: now(), limits: limits)
        if let route = scope.route, configuration.fleet == nil {
            let catalog = try await read { database throws(StorageError) in try RouteCatalog.read(database) }
            try catalog.check(route: route)
        }
        return scope
    }

    /// `alpha` and `tolerance_pp`, and the refusals of `routelens query split`'s options that do not apply.
    static func splitOptions(_ parameters: QueryParameters) throws(EndpointError) -> (alpha: Double, tolerancePP: Double) {
        if parameters["by"] != nil {
            throw .badRequest("split does not take by", hint: "split already reports every target of a route; leave out by")
        }
        if try parameters.flag("health_checks") {
            throw .badRequest("split does not take health_checks", hint: "health checks are not weighted traffic; leave it out")
        }
        if parameters["side"] == "both" {
            throw .badRequest(
                "split does not take side=both",
                hint: "both counts each Istio request twice, which would double the test statistic; give outbound or inbound"
            )
        }
        let alpha = try parameters.number("alpha", in: 1e-300...(1 - 1e-12), default: 0.001)
        let tolerance = try parameters.number("tolerance_pp", in: 0...100, default: 1.0)
        return (alpha, tolerance)
    }
}

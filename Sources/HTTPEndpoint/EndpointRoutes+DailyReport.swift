import DailyReport
import Hummingbird
import Reports
import Storage

/// The daily rollout report over HTTP: `GET /api/v1/report?day=2026-11-20[&route=R][&baseline=T]` as JSON (the same
/// bytes as `routelens report daily --output json`), `GET /report/daily/2026-11-20.html` as the self-contained page.
extension EndpointRoutes {
    func addDailyReport(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/report") { request, _ in
            let parameters = try QueryParameters(request, allowed: ["day", "route", "baseline"])
            guard let day = parameters["day"].map(String.init) else {
                throw EndpointError.badRequest("report needs day", hint: "give day=YYYY-MM-DD, a UTC day such as 2026-11-20")
            }
            return JSONResponse.response(try await dailyReport(day: day, parameters: parameters))
        }
        router.get("/report/daily/{page}") { request, context in
            let parameters = try QueryParameters(request, allowed: ["route", "baseline"])
            let page = context.parameters.get("page") ?? ""
            guard page.hasSuffix(".html") else {
                throw EndpointError.badRequest("\(page) is not a report page", hint: "ask for /report/daily/YYYY-MM-DD.html")
            }
            let report = try await dailyReport(day: String(page.dropLast(5)), parameters: parameters)
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: HTMLRenderer.render(report))))
        }
    }

    private func dailyReport(day: String, parameters: QueryParameters) async throws(EndpointError) -> DailyReport {
        guard Reporter.startOfDay(day) != nil else {
            throw .badRequest("day=\(day) is not a date", hint: "give YYYY-MM-DD, a UTC day such as 2026-11-20")
        }
        let route = parameters["route"].map(String.init)
        let baseline = parameters["baseline"].map(String.init)
        if let route {
            let catalog = try await read { database throws(StorageError) in try RouteCatalog.read(database) }
            try catalog.check(route: route)
        }
        let outcome: Result<DailyReport, DailyReportError> = try await read { database throws(StorageError) in
            do throws(DailyReportError) {
                return .success(try Reporter(database: database).dailyReport(day: day, route: route, baseline: baseline))
            } catch {
                if case .database(let storage) = error { throw storage }
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let report): return report
        case .failure(let error): throw .badRequest(error.description, hint: "see routelens report daily --help")
        }
    }
}

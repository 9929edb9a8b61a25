import AccessLog
import Foundation
import Hummingbird
import Reports
import Statistics
import Storage

/// The Grafana simPod JSON data source at `/grafana`: the contract of
/// `../shared/contracts/simpod-json-datasource.openapi.yaml`. Payload options of every metric: `route`, `target`
/// (multi-select; empty is every one) and `by` (`route` or `target`); ad-hoc filters `route` and `target`
/// (operator `=`) narrow every query of a panel.
extension EndpointRoutes {
    func addGrafana(to router: Router<BasicRequestContext>) {
        let grafana = router.group("/grafana")
        grafana.get("/") { _, _ in JSONResponse.response(["status": "ok"]) }
        grafana.post("/metrics") { request, _ in
            _ = try await decode(GrafanaRequest.Metric.self, from: request)
            return JSONResponse.response(GrafanaMetric.allCases.map(Self.metricDescription))
        }
        grafana.post("/metric-payload-options") { request, _ in
            let body = try await decode(GrafanaRequest.Metric.self, from: request)
            return JSONResponse.response(try await payloadOptions(name: body.name ?? ""))
        }
        grafana.post("/variable") { request, _ in
            let body = try await decode(GrafanaRequest.Variable.self, from: request)
            let what = body.payload?.target ?? body.target ?? "routes"
            let values = try await tagValues(key: what == "targets" ? "target" : what == "routes" ? "route" : what)
            // The contract requires text and value; Grafana's variable editor reads __text and __value.
            return JSONResponse.response(values.map { ["text": $0, "value": $0, "__text": $0, "__value": $0] })
        }
        grafana.post("/tag-keys") { _, _ in
            JSONResponse.response([["type": "string", "text": "route"], ["type": "string", "text": "target"]])
        }
        grafana.post("/tag-values") { request, _ in
            let body = try await decode(GrafanaRequest.TagValues.self, from: request)
            return JSONResponse.response(try await tagValues(key: body.key).map { ["text": $0] })
        }
        grafana.post("/query") { request, _ in
            let body = try await decode(GrafanaRequest.Query.self, from: request)
            return JSONResponse.response(try await query(body))
        }
    }

    /// The body as `T`, within the size limit; anything else is a 400 saying what was expected.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.bodyBytes)
        } catch {
            throw EndpointError(.contentTooLarge, "the request body is larger than \(limits.bodyBytes) bytes", hint: "send a smaller JSON body")
        }
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw EndpointError.badRequest("the JSON body has no \(key.stringValue)", hint: "send the body Grafana's simPod JSON data source sends")
        } catch {
            throw EndpointError.badRequest("the request body is not the JSON expected", hint: "send the body Grafana's simPod JSON data source sends")
        }
    }

    private static func metricDescription(_ metric: GrafanaMetric) -> MetricDescription {
        MetricDescription(label: metric.label, value: metric.rawValue, payloads: [
            .init(label: "Route", name: "route", type: "multi-select", placeholder: "every route", reloadMetric: false),
            .init(label: "Target", name: "target", type: "multi-select", placeholder: "every target", reloadMetric: false),
            .init(label: "Series by", name: "by", type: "select", placeholder: "route", reloadMetric: false,
                  options: [.init(label: "route", value: "route"), .init(label: "route and target", value: "target")]),
        ])
    }

    private func payloadOptions(name: String) async throws -> [MetricDescription.Option] {
        switch name {
        case "route", "target": try await tagValues(key: name).map { MetricDescription.Option(label: $0, value: $0) }
        case "by": [.init(label: "route", value: "route"), .init(label: "route and target", value: "target")]
        default: throw EndpointError.badRequest("no payload \(name)", hint: "payloads are route, target and by")
        }
    }

    private func tagValues(key: String) async throws(EndpointError) -> [String] {
        let catalog = try await read { database throws(StorageError) in try RouteCatalog.read(database) }
        switch key {
        case "route": return catalog.names
        case "target": return Set(catalog.routes.flatMap { $0.targets.map(\.target) }).sorted()
        default: throw .badRequest("no tag \(key)", hint: "tags are route and target")
        }
    }

    private func query(_ body: GrafanaRequest.Query) async throws -> [GrafanaAnswer] {
        guard let range = body.range else { throw EndpointError.badRequest("the query has no range", hint: "send range.from and range.to") }
        let from = try TimeParameter.milliseconds(Substring(range.from), name: "range.from")
        let to = try TimeParameter.milliseconds(Substring(range.to), name: "range.to")
        let window = try SeriesWindow(from: from, to: to, intervalMs: body.intervalMs, maxDataPoints: body.maxDataPoints, limits: limits)
        var filters: [String: Set<String>] = [:]
        for filter in body.filters ?? [] {
            guard filter.key == "route" || filter.key == "target" else {
                throw EndpointError.badRequest("no ad-hoc filter \(filter.key)", hint: "filter on route or target")
            }
            guard filter.operator == "=" else {
                throw EndpointError.badRequest("ad-hoc filter operator \(filter.operator) is not supported", hint: "use =")
            }
            filters[filter.key, default: []].insert(filter.value)
        }
        var answers: [GrafanaAnswer] = []
        for target in body.targets where target.hide != true {
            let name = target.target ?? ""
            guard let metric = GrafanaMetric(rawValue: name) else {
                throw EndpointError.badRequest(
                    "no metric \(name)", hint: "metrics: \(GrafanaMetric.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let payload = target.payload ?? [:]
            var routes = Set(payload["route"]?.values ?? [])
            var targets = Set(payload["target"]?.values ?? [])
            if let only = filters["route"] { routes = routes.isEmpty ? only : routes.intersection(only) }
            if let only = filters["target"] { targets = targets.isEmpty ? only : targets.intersection(only) }
            let byTarget = payload["by"]?.values == ["target"] || !targets.isEmpty
            answers += try await answer(metric, window: window, routes: routes, targets: targets, byTarget: byTarget)
            let points = answers.reduce(0) { $0 + $1.size }
            guard points <= limits.points else {
                throw EndpointError.badRequest(
                    "the answer has \(points) points, more than the \(limits.points) served",
                    hint: "choose fewer routes or targets, group by route, or a shorter range or longer interval"
                )
            }
        }
        return answers
    }

    private func answer(_ metric: GrafanaMetric, window: SeriesWindow, routes: Set<String>, targets: Set<String>, byTarget: Bool) async throws -> [GrafanaAnswer] {
        // One route narrows the SQL; several are filtered after it.
        let scope = ReportScope(from: window.from, to: window.to, route: routes.count == 1 ? routes.first : nil, byTarget: byTarget || metric.isSplit)
        let builder = GrafanaSeriesBuilder(window: window, metric: metric)
        let limit = limits.durations
        func keep(_ route: String, _ target: String?) -> Bool {
            (routes.isEmpty || routes.contains(route)) && (targets.isEmpty || target.map(targets.contains) == true)
        }
        switch metric {
        case .requests, .rps, .errors5xx, .errorRate:
            let rows = try await seriesCounts(scope, window)
            return builder.counts(rows.filter { keep($0.route, $0.target) })
        case .latencyP50, .latencyP90, .latencyP95, .latencyP99:
            let durations = try await seriesDurations(scope, window, limit: limit)
            guard let durations else {
                throw EndpointError.badRequest(
                    "the range holds more than \(limit) requests for a latency series", hint: "narrow the time range or choose one route"
                )
            }
            return builder.latency(durations.filter { keep($0.key.route, $0.key.target) })
        case .splitShare, .splitExpectedShare, .srmPValue:
            let rows = try await seriesCounts(scope, window)
            let history = try await read { database throws(StorageError) in try database.routeWeightHistory() }
            return builder.split(rows, history: history).filter { answer in
                guard case .series(let name, _) = answer else { return true }
                return routes.isEmpty || routes.contains { name == "\(metric.rawValue) \($0)" || name.hasPrefix("\(metric.rawValue) \($0) ") }
            }
        case .splitTable:
            let report = try await split(scope.withoutTarget, alpha: SplitTest.defaultAlpha, tolerancePP: SplitTest.defaultTolerancePP)
            return [Self.table(report, keeping: { routes.isEmpty || routes.contains($0) })]
        case .errorsTable:
            let byTargetScope = ReportScope(from: scope.from, to: scope.to, route: scope.route, byTarget: true)
            let report = try await errors(byTargetScope)
            let rows: [[GrafanaAnswer.Cell]] = report.routes.filter { keep($0.route, $0.target) }.map { row in
                [.text(row.route), .text(row.target ?? noTarget), .number(Double(row.requests)), .number(Double(row.errors5xx)),
                 .number(Double(row.errors4xx)), .number(row.errorRate)]
            }
            return [.table(columns: [
                .init(text: "route", type: "string"), .init(text: "target", type: "string"), .init(text: "requests", type: "number"),
                .init(text: "errors_5xx", type: "number"), .init(text: "errors_4xx", type: "number"), .init(text: "error_rate", type: "number"),
            ], rows: rows)]
        }
    }

    private static func table(_ report: SplitReport, keeping keep: (String) -> Bool) -> GrafanaAnswer {
        let rows: [[GrafanaAnswer.Cell]] = report.routes.filter { keep($0.route) }.flatMap { route in
            route.targets.map { target in
                [.text(route.route), route.from.map { .text($0) } ?? .null, route.to.map { .text($0) } ?? .null, .text(target.target),
                 .number(Double(target.weight)), .number(target.expectedShare), .number(target.observedShare), .number(Double(target.requests)),
                 .number(route.pValue), .number(route.maxDeviationPP), .text(route.verdict)]
            }
        }
        return .table(columns: [
            .init(text: "route", type: "string"), .init(text: "from", type: "string"), .init(text: "to", type: "string"),
            .init(text: "target", type: "string"), .init(text: "weight", type: "number"), .init(text: "expected_share", type: "number"),
            .init(text: "observed_share", type: "number"), .init(text: "requests", type: "number"), .init(text: "p_value", type: "number"),
            .init(text: "max_deviation_pp", type: "number"), .init(text: "verdict", type: "string"),
        ], rows: rows)
    }
}

extension ReportScope {
    /// The scope with targets not grouped: split reports every target of a route on its own.
    fileprivate var withoutTarget: ReportScope {
        var scope = self
        scope.byTarget = false
        return scope
    }
}

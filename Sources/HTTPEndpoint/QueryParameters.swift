import Hummingbird
import Reports

/// The query string of an `/api/v1/*` request, read strictly: an unknown parameter, a repeated one or a value
/// that does not parse is a 400 naming it, never a silent default.
struct QueryParameters: Sendable {
    private var values: [String: Substring] = [:]
    private(set) var names: Set<String> = []

    init(_ request: Request, allowed: Set<String>) throws(EndpointError) {
        for (name, value) in request.uri.queryParameters {
            let key = String(name)
            guard allowed.contains(key) else {
                throw .badRequest("unknown parameter \(key)", hint: "this endpoint takes \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[key] == nil else { throw .badRequest("parameter \(key) given twice", hint: "give it once") }
            values[key] = value
            names.insert(key)
        }
    }

    subscript(_ name: String) -> Substring? { values[name] }

    /// A boolean flag: `true`/`1` or `false`/`0`; absent is `false`.
    func flag(_ name: String) throws(EndpointError) -> Bool {
        switch values[name] {
        case nil, "false", "0": false
        case "true", "1", "": true
        case let value?: throw .badRequest("\(name)=\(value) is not a boolean", hint: "give \(name)=true or \(name)=false")
        }
    }

    /// A number within `range`, or `fallback` when absent.
    func number(_ name: String, in range: ClosedRange<Double>, default fallback: Double) throws(EndpointError) -> Double {
        guard let text = values[name] else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            throw .badRequest("\(name)=\(text) is out of range", hint: "give a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The scope of a report: `from`, `to`, `since`, `route`, `by` (`target`, `operation` or both,
    /// comma-separated), `health_checks`, `side`; the window checked against `limits`.
    func scope(now: Int64, limits: EndpointConfiguration.Limits) throws(EndpointError) -> ReportScope {
        var scope = ReportScope()
        if self["since"] != nil, self["from"] != nil {
            throw .badRequest("since and from given together", hint: "give since (the last 1h) or from/to, not both")
        }
        scope.from = try self["from"].map { text throws(EndpointError) in try TimeParameter.milliseconds(text, name: "from") }
        scope.to = try self["to"].map { text throws(EndpointError) in try TimeParameter.milliseconds(text, name: "to") }
        if let since = self["since"] {
            let duration = try TimeParameter.duration(since, name: "since")
            guard duration <= limits.rangeMilliseconds else {
                throw .badRequest("since=\(since) is longer than the longest window served", hint: "ask for at most \(limits.rangeMilliseconds / 86_400_000)d")
            }
            scope.from = now - duration
        }
        if let from = scope.from, let to = scope.to {
            guard from < to else {
                throw .badRequest("the window is empty or reversed: from is not before to", hint: "give from earlier than to")
            }
            let (span, overflow) = to.subtractingReportingOverflow(from)
            guard !overflow, span <= limits.rangeMilliseconds else {
                throw .badRequest(
                    "the window from/to is longer than the longest window served",
                    hint: "ask for at most \(limits.rangeMilliseconds / 86_400_000) days, or leave out from and to for everything in the database"
                )
            }
        }
        scope.route = self["route"].map(String.init)
        for group in self["by"].map({ $0.split(separator: ",") }) ?? [] {
            switch group {
            case "target": scope.byTarget = true
            case "operation": scope.byOperation = true
            default: throw .badRequest("by=\(group) is not a grouping", hint: "give by=target, by=operation or by=target,operation")
            }
        }
        scope.healthChecks = try flag("health_checks")
        if let side = self["side"] {
            guard let value = ReportScope.Side(rawValue: String(side)) else {
                throw .badRequest("side=\(side) is not a side", hint: "give side=outbound, side=inbound or side=both")
            }
            scope.side = value
        }
        return scope
    }
}

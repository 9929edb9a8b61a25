/// What a correct reader of a generated log must report, counted while the lines were written and
/// independent of any database.
///
/// ```swift
/// let (text, truth) = try LogGenerator.generate(.shop)
/// truth.latency(route: "payments")?.p99        // exact nearest-rank p99 in ms
/// truth.targetCounts(route: "payments")        // ["payments-blue": …, "payments-green": …]
/// ```
package struct GroundTruth: Codable, Equatable, Sendable {
    /// Every line, `httpRequests + tcpRecords + malformedLines`.
    package var lines: Int
    /// Lines in ``TrafficScenario/formatString`` describing an HTTP request.
    package var httpRequests: Int
    /// Lines in ``TrafficScenario/formatString`` describing a TCP connection (`"- - -"`).
    package var tcpRecords: Int
    /// Lines a parser must reject.
    package var malformedLines: Int
    /// Per route, by route name; every route of the scenario is present.
    package var routes: [String: RouteTruth]

    /// Exact nearest-rank latency percentiles of a route's requests, or `nil` for an unknown route
    /// or one without requests.
    package func latency(route: String) -> LatencySummary? {
        routes[route].flatMap { LatencySummary(durations: $0.durationsMilliseconds) }
    }

    /// Requests that reached an upstream, by virtual node, or `nil` for an unknown route.
    /// Every target of the route is present, with 0 if it got no requests.
    package func targetCounts(route: String) -> [String: Int]? {
        routes[route]?.targetRequests
    }
}

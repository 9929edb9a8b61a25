/// The daily rollout report of issue 12: for one day, every weighted route's split accuracy per constant-weight
/// segment, when it drifted, the canary judgements, per-target figures, and one line per route without weights.
///
/// Pure data: the `Reports` module fills it from the database; ``MarkdownRenderer`` and ``HTMLRenderer`` print
/// it, and its JSON (snake_case keys, as `JSONEncoder` writes it) carries every number the other two show:
///
/// ```json
/// {"day": "2026-11-20", "routes": [{"route": "search", "segments": [{"from": …, "to": …, "targets": [{"target",
///   "weight", "expected_share", "observed_share", "ci95": [lo, hi], "requests"}], "chi_square", "p_value", "verdict",
///   "cohens_w", "drift": [{"from", "to", "observed_share": {"search-a": 0.9, …}, …}], "explanations": […]}],
///   "canary": [{"target", "baseline", "verdict", "reasons": […], "error_rate_p_value", "mann_whitney_p_value",
///   "p50_ratio", "p99_ratio"}], "target_stats": […]}], "unweighted_routes": […]}
/// ```
///
/// Shares and rates are fractions in 0...1, latencies milliseconds, times RFC 3339 in UTC. Optional numbers are
/// left out of the JSON when absent (a ratio against a 0 ms baseline, a p-value of an untested interval).
package struct DailyReport: Sendable, Equatable, Codable {
    /// The day, `YYYY-MM-DD` (UTC).
    package var day: String
    /// Routes with two or more weighted targets, by name.
    package var routes: [Route]
    /// One summary line per route without weights.
    package var unweightedRoutes: [UnweightedRoute]

    package init(day: String, routes: [Route], unweightedRoutes: [UnweightedRoute]) {
        self.day = day
        self.routes = routes
        self.unweightedRoutes = unweightedRoutes
    }

    enum CodingKeys: String, CodingKey {
        case day, routes
        case unweightedRoutes = "unweighted_routes"
    }
}

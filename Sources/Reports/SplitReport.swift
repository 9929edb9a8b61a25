import AccessLog
import Statistics
package import Storage
import GRDB

/// Weighted-split accuracy for every route with two or more weighted targets: `routelens query split`.
///
/// The weights in force change during a rollout (10 → 25 → 50 → 100), so each route is tested per
/// constant-weight segment: the requests that started while one version of its weights was in force (see
/// ``RouteWeightVersion``), against those weights. A route whose weights never changed has one segment.
/// Each segment's observed requests per target are tested against its weights with Pearson's chi-squared
/// goodness of fit (a sample-ratio-mismatch test); see ``SplitTest`` for the verdict rules.
///
/// JSON: `routes` holds one entry per segment, by route and then time, with the fields of the test and the
/// segment's bounds `from` and `to` (RFC 3339); `from` is absent for weights in force since the beginning, `to`
/// for weights still in force. A route whose weights never changed reads as before segments existed:
///
/// ```json
/// {"routes": [
///   {"route": "orders", "to": "2026-11-26T10:00:00.000Z", "requests": 1000, "verdict": "ok", "targets": [ … ], …},
///   {"route": "orders", "from": "2026-11-26T10:00:00.000Z", "requests": 2000, "verdict": "mismatch", …}
/// ]}
/// ```
package struct SplitReport: Sendable, Equatable, Encodable {
    /// One entry per constant-weight segment of each route, by route and then time.
    package var routes: [Route]
    /// `exact` (raw rows) or `histogram` (rollups; the counts are exact either way), and the coarsest resolution read.
    package var method: SourcePlan.Method
    package var resolution: String
    /// `true` when a window edge widened to a whole minute whose raw rows are gone.
    package var widened: Bool?

    /// The test of one route over one constant-weight segment.
    package struct Route: Sendable, Equatable, Encodable {
        package var route: String
        /// When the segment's weights took effect; `nil` for weights in force since the beginning.
        package var from: String?
        /// When the next version of the weights took effect; `nil` for weights still in force.
        package var to: String?
        package var requests: Int
        package var chiSquare: Double
        package var degreesOfFreedom: Int
        package var pValue: Double
        package var alpha: Double
        package var maxDeviationPP: Double
        /// `ok`, `mismatch`, `insufficient-data` or `untestable`.
        package var verdict: String
        /// Why the verdict is `untestable` (`weights sum to 0`); absent otherwise.
        package var reason: String?
        package var targets: [Target]
        /// Requests of the route in the segment that count for no target, left out of the test.
        package var noTarget: Int = 0
        /// Of ``noTarget``, those that reached an upstream host no target claims: a host map (EndpointSlice dump,
        /// `hosts`) or logged cluster would attribute them. The rest reached no upstream (NR, UH, local replies).
        package var noTargetWithUpstreamHost: Int = 0
        /// Requests attributed to a target the segment's weights do not list (a target added or renamed since).
        package var otherTargets: Int = 0

        enum CodingKeys: String, CodingKey {
            case route, from, to, requests
            case chiSquare = "chi_square"
            case degreesOfFreedom = "df"
            case pValue = "p_value"
            case alpha
            case maxDeviationPP = "max_deviation_pp"
            case verdict, reason, targets
            case noTarget = "no_target"
            case noTargetWithUpstreamHost = "no_target_with_upstream_host"
            case otherTargets = "other_targets"
        }
    }

    package struct Target: Sendable, Equatable, Encodable {
        package var target: String
        package var weight: Int
        package var expectedShare: Double
        package var observedShare: Double
        package var requests: Int
        package var ci95Low: Double?
        package var ci95High: Double?

        enum CodingKeys: String, CodingKey {
            case target, weight
            case expectedShare = "expected_share"
            case observedShare = "observed_share"
            case requests
            case ci95Low = "ci95_low"
            case ci95High = "ci95_high"
        }
    }
}

extension Reporter {
    /// Tests, per constant-weight segment that overlaps `scope`'s window, every route with two or more targets
    /// in that segment.
    ///
    /// A request counts in the segment in force at its start time; a rolled-up minute in the one in force at
    /// the minute's start (see `queries/split.sql`).
    package func split(_ scope: ReportScope, alpha: Double = SplitTest.defaultAlpha, tolerancePP: Double = SplitTest.defaultTolerancePP) throws(StorageError) -> SplitReport {
        // Requests by the version they count under, route and target.
        let history = try database.routeWeightHistory()
        // No rollup tile may span a version taking effect: a tile counts under the version at its start.
        let plan = try plan(scope, cuts: history.map(\.effectiveAt).filter { $0 != RouteWeightVersion.beginning })
        var observed: [Int64: [String: [String: Int]]] = [:]
        // Requests with no target, and those of them that reached an upstream host, by version and route.
        var unattributed: [Int64: [String: (requests: Int, withUpstreamHost: Int)]] = [:]
        for row in try rows("split", scope, plan) {
            guard let version: Int64 = row["effective_at"] else { continue }
            let route: String = row["route"]
            if let target: String = row["target"] {
                observed[version, default: [:]][route, default: [:]][target] = row["requests"]
            } else {
                unattributed[version, default: [:]][route] = (row["requests"], row["with_upstream_host"] ?? 0)
            }
        }
        var report = SplitReport(
            history: history, observed: observed, unattributed: unattributed, scope: scope, alpha: alpha, tolerancePP: tolerancePP
        )
        let source = ReportSource(plan)
        (report.method, report.resolution, report.widened) = (source.method, source.resolution, source.widened)
        return report
    }
}

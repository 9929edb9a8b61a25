import Statistics
package import Storage
import GRDB

/// Weighted-split accuracy for every route with two or more weighted targets: `routelens query split`.
///
/// Each route's observed requests per target are tested against its configured weights with
/// Pearson's chi-squared goodness of fit (a sample-ratio-mismatch test); see ``SplitTest`` for the
/// verdict rules.
package struct SplitReport: Sendable, Equatable, Encodable {
    package var routes: [Route]

    package struct Route: Sendable, Equatable, Encodable {
        package var route: String
        package var requests: Int
        package var chiSquare: Double
        package var degreesOfFreedom: Int
        package var pValue: Double
        package var alpha: Double
        package var maxDeviationPP: Double
        /// `ok`, `mismatch` or `insufficient-data`.
        package var verdict: String
        package var targets: [Target]

        enum CodingKeys: String, CodingKey {
            case route, requests
            case chiSquare = "chi_square"
            case degreesOfFreedom = "df"
            case pValue = "p_value"
            case alpha
            case maxDeviationPP = "max_deviation_pp"
            case verdict, targets
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
    /// Tests every route of the recorded route table that has two or more targets.
    package func split(_ scope: ReportScope, alpha: Double = 0.001, tolerancePP: Double = 1.0) throws(StorageError) -> SplitReport {
        var observed: [String: [String: Int]] = [:]
        for row in try rows("split", scope) {
            observed[row["route"], default: [:]][row["target"]] = row["requests"]
        }
        let weights = try database.routeWeights().filter { scope.route == nil || $0.route == scope.route }
        let byRoute = Dictionary(grouping: weights, by: \.route).filter { $0.value.count >= 2 }
        let routes = byRoute.keys.sorted().map { route in
            let targets = byRoute[route]!.map { weight in
                SplitTest.Target(name: weight.target, weight: weight.weight, requests: observed[route]?[weight.target] ?? 0)
            }
            let test = SplitTest(targets: targets, alpha: alpha, tolerancePP: tolerancePP)
            return SplitReport.Route(
                route: route,
                requests: test.requests,
                chiSquare: test.chiSquare,
                degreesOfFreedom: test.degreesOfFreedom,
                pValue: test.pValue,
                alpha: test.alpha,
                maxDeviationPP: test.maxDeviationPP,
                verdict: test.verdict.rawValue,
                targets: test.targets.map { result in
                    SplitReport.Target(
                        target: result.name,
                        weight: result.weight,
                        expectedShare: result.expectedShare,
                        observedShare: result.observedShare,
                        requests: result.requests,
                        ci95Low: result.ci95?.low,
                        ci95High: result.ci95?.high
                    )
                }
            )
        }
        return SplitReport(routes: routes)
    }
}

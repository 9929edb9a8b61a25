/// The sample-ratio-mismatch check for one weighted route: did traffic split across its targets
/// in the configured weights?
///
/// Targets are the clusters of an Envoy
/// [`weighted_clusters`](https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-msg-config-route-v3-weightedcluster)
/// route action, or the weighted targets of an
/// [App Mesh route](https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html).
///
///     let test = SplitTest(targets: [
///         .init(name: "stable", weight: 80, requests: 78_000),
///         .init(name: "canary", weight: 20, requests: 22_000),
///     ])
///     test.verdict  // .mismatch: p ≈ 2.6e-56 and the canary is 2 percentage points over its share
///
/// The verdict, first rule that applies:
/// 0. `untestable` when the weights give no expected share: they sum to 0 (a Gateway API rule whose backends
///    all weigh 0, which the gateway answers with 500s) or one is negative. ``untestableReason`` says why; the
///    route's requests are still counted, and no other route's test depends on it.
/// 1. `mismatch` when a target of weight 0 received any request. No sampling noise explains that,
///    so it wins over `insufficientData` and the tolerance. Such targets are left out of the chi-square
///    test (their expected count is 0), which then compares only the positively weighted targets.
/// 2. `insufficientData` when a positively weighted target's expected count is below 5.
/// 3. `mismatch` when the p-value is below `alpha` and `maxDeviationPP` is at least `tolerancePP`:
///    the split is both statistically and practically off.
/// 4. `ok` otherwise.
package struct SplitTest: Sendable, Hashable {
    /// One target of the route as configured, with the requests it received.
    package struct Target: Sendable, Hashable {
        /// The cluster or virtual node name.
        package let name: String
        /// The configured weight, on the route's scale (Envoy: any non-negative integer; App Mesh: 0...100).
        package let weight: Int
        /// The requests observed for this target.
        package let requests: Int

        package init(name: String, weight: Int, requests: Int) {
            self.name = name
            self.weight = weight
            self.requests = requests
        }
    }

    /// What the test found for one target. Shares are fractions in 0...1.
    package struct TargetResult: Sendable, Hashable {
        package let name: String
        package let weight: Int
        /// weight / Σ weight.
        package let expectedShare: Double
        /// requests / Σ requests, or 0 when the route received no request.
        package let observedShare: Double
        package let requests: Int
        /// The 95% Wilson interval of the observed share; `nil` when the route received no request.
        package let ci95: WilsonInterval?
    }

    /// The outcome of the test; the raw values are what reports print.
    package enum Verdict: String, Sendable, Hashable {
        case ok
        case mismatch
        case insufficientData = "insufficient-data"
        /// The weights cannot be tested against: see ``SplitTest/untestableReason``.
        case untestable
    }

    /// Why the verdict is ``Verdict/untestable``, such as `weights sum to 0`; `nil` for a tested split.
    package let untestableReason: String?

    /// All requests of the route, including those to targets of weight 0.
    package let requests: Int
    /// Pearson's statistic over the targets of positive weight.
    package let chiSquare: Double
    /// The number of targets of positive weight minus one.
    package let degreesOfFreedom: Int
    package let pValue: Double
    package let alpha: Double
    package let tolerancePP: Double
    /// The largest |observed share − expected share| over all targets, in percentage points.
    package let maxDeviationPP: Double
    /// Requests received by targets of weight 0; any makes the verdict `mismatch`.
    package let requestsToZeroWeightTargets: Int
    package let verdict: Verdict
    /// One result per input target, in input order.
    package let targets: [TargetResult]

    /// Tests whether `targets` received requests in proportion to their weights.
    ///
    /// - Parameters:
    ///   - targets: The route's targets; weights that sum to 0, a negative weight or count, no targets, or an alpha
    ///     or tolerance out of range make the verdict ``Verdict/untestable``.
    ///   - alpha: The significance level below which the p-value counts as evidence of a mismatch.
    ///   - tolerancePP: The smallest deviation from a configured share, in percentage points, worth calling a mismatch.
    /// The significance level and the smallest deviation (percentage points) a mismatch needs, unless a caller says.
    package static let defaultAlpha = 0.001
    package static let defaultTolerancePP = 1.0

    package init(targets: [Target], alpha: Double = defaultAlpha, tolerancePP: Double = defaultTolerancePP) {
        // Weights and counts come from route files and the database: a split they make untestable is a verdict
        // to report, never a reason to stop answering for the other routes.
        if let reason = Self.untestableReason(targets: targets, alpha: alpha, tolerancePP: tolerancePP) {
            self.init(untestable: targets, reason: reason, alpha: alpha, tolerancePP: tolerancePP)
        } else {
            self.init(tested: targets, alpha: alpha, tolerancePP: tolerancePP)
        }
    }

    /// The test of weights ``untestableReason(targets:alpha:tolerancePP:)`` found testable.
    private init(tested targets: [Target], alpha: Double, tolerancePP: Double) {
        let totalWeight = targets.reduce(0) { $0 + $1.weight }
        let requests = targets.reduce(0) { $0 + $1.requests }
        let weighted = targets.filter { $0.weight > 0 }
        let fit = PearsonGoodnessOfFit(
            observed: weighted.map(\.requests),
            expectedProportions: weighted.map { Double($0.weight) }
        )
        // Shares and deviations are single divisions of exact integer products, so a deviation of
        // exactly 1 percentage point is 1.0 and compares equal to the default tolerance.
        let n = Double(requests)
        let w = Double(totalWeight)
        let deviationsPP = targets.map { target -> Double in
            requests == 0 ? 0 : abs(Double(target.requests) * w - Double(target.weight) * n) * 100 / (n * w)
        }
        let maxDeviationPP = deviationsPP.max() ?? 0
        let requestsToZeroWeightTargets = targets.filter { $0.weight == 0 }.reduce(0) { $0 + $1.requests }

        self.requests = requests
        chiSquare = fit.statistic
        degreesOfFreedom = fit.degreesOfFreedom
        pValue = fit.pValue
        self.alpha = alpha
        self.tolerancePP = tolerancePP
        self.maxDeviationPP = maxDeviationPP
        self.requestsToZeroWeightTargets = requestsToZeroWeightTargets
        verdict = if requestsToZeroWeightTargets > 0 {
            .mismatch
        } else if !fit.everyExpectedCountIsAtLeastFive {
            .insufficientData
        } else if fit.pValue < alpha && maxDeviationPP >= tolerancePP {
            .mismatch
        } else {
            .ok
        }
        untestableReason = nil
        self.targets = targets.map { target in
            TargetResult(
                name: target.name,
                weight: target.weight,
                expectedShare: Double(target.weight) / w,
                observedShare: requests == 0 ? 0 : Double(target.requests) / n,
                requests: target.requests,
                ci95: WilsonInterval(successes: target.requests, trials: requests)
            )
        }
    }

    /// Why `targets` cannot be tested, or `nil` when they can.
    private static func untestableReason(targets: [Target], alpha: Double, tolerancePP: Double) -> String? {
        if targets.isEmpty { return "no targets" }
        if let target = targets.first(where: { $0.weight < 0 }) { return "weight of \(target.name) is negative (\(target.weight))" }
        if let target = targets.first(where: { $0.requests < 0 }) { return "request count of \(target.name) is negative" }
        var totalWeight = 0
        var totalRequests = 0
        for target in targets {
            let weight = totalWeight.addingReportingOverflow(target.weight)
            let requests = totalRequests.addingReportingOverflow(target.requests)
            if weight.overflow { return "weights sum past \(Int.max)" }
            if requests.overflow { return "requests sum past \(Int.max)" }
            totalWeight = weight.partialValue
            totalRequests = requests.partialValue
        }
        if totalWeight == 0 { return "weights sum to 0" }
        if !(alpha > 0 && alpha < 1) { return "alpha \(alpha) is not between 0 and 1" }
        if !(tolerancePP >= 0) { return "tolerance \(tolerancePP) is negative" }
        return nil
    }

    /// A result with no test: no expected shares, p-value 1, observed shares and intervals as counted.
    private init(untestable targets: [Target], reason: String, alpha: Double, tolerancePP: Double) {
        let requests = targets.reduce(0) { total, target in
            let sum = total.addingReportingOverflow(max(target.requests, 0))
            return sum.overflow ? Int.max : sum.partialValue
        }
        self.requests = requests
        chiSquare = 0
        degreesOfFreedom = 0
        pValue = 1
        self.alpha = alpha
        self.tolerancePP = tolerancePP
        maxDeviationPP = 0
        requestsToZeroWeightTargets = 0
        verdict = .untestable
        untestableReason = reason
        self.targets = targets.map { target in
            let counted = max(target.requests, 0)
            return TargetResult(
                name: target.name,
                weight: target.weight,
                expectedShare: 0,
                observedShare: requests == 0 ? 0 : Double(counted) / Double(requests),
                requests: target.requests,
                ci95: requests == 0 || counted > requests ? nil : WilsonInterval(successes: counted, trials: requests)
            )
        }
    }
}

/// Judges each canary of a weighted route against its baseline, the way Kayenta's judge does, but saying why:
/// every check yields one plain-English line with the numbers behind it.
///
///     let judge = CanaryJudge()
///     let judgements = try judge.judge([stable, canary], baseline: nil)
///     judgements[0].verdict   // .fail
///     judgements[0].reasons   // ["error rate 3.00% vs 0.50% on the baseline: 2.5 pp higher (p = 4.2e-36), at least 0.5 pp — fail",
///                             //  "p50 50 ms vs 20 ms (×2.5), at least ×1.25; a canary request is slower than a stable request
///                             //   83% of the time (Mann-Whitney p < 1e-300) — fail", "p99 1000 ms vs 201 ms (×4.98), at least ×1.5 — fail"]
///
/// Three checks, each `pass`, `marginal` or `fail`; the verdict is the worst of them, and at least `marginal` when
/// either side has fewer than ``Thresholds/minimumRequests`` requests. See ``Thresholds`` for each rule and why.
///
/// Multiple testing: two hypothesis tests run per canary (error rate, Mann-Whitney), each two-sided at
/// ``Thresholds/alpha`` = 0.01, and only a canary worse than its baseline counts, so each flags a healthy canary by
/// chance with probability at most 0.5%, and the two together at most 1% (Bonferroni's bound, no independence
/// assumed); every other rule is a fixed threshold on a measured ratio, not a test.
package struct CanaryJudge: Sendable, Hashable {
    /// One target of a weighted route over the judged period.
    package struct Target: Sendable, Equatable {
        /// The cluster or virtual node name.
        package var name: String
        /// The configured weight; targets of weight 0 are not judged (they are not part of the rollout).
        package var weight: Int
        package var requests: Int
        /// The requests that count as errors (the report counts 5xx responses).
        package var errors: Int
        /// The durations of its requests.
        package var latency: LatencyHistogram

        package init(name: String, weight: Int, requests: Int, errors: Int, latency: LatencyHistogram) {
            self.name = name
            self.weight = weight
            self.requests = requests
            self.errors = errors
            self.latency = latency
        }
    }

    /// Where a check turns from `pass` to `marginal` to `fail`.
    ///
    /// The defaults aim at rollouts of web services: a canary should fail only on a difference that is both real
    /// (a test says it is not chance) and large enough to matter to users; it is `marginal` when one of the two
    /// holds, so that a person looks before promoting it.
    package struct Thresholds: Sendable, Hashable {
        /// The significance level of each test. 0.01 rather than 0.05 because a report runs daily over many
        /// routes, and rather than 0.001 because a canary window holds far less traffic than a day's split.
        package var alpha = 0.01
        /// Fewer requests on either side and the verdict is at least `marginal`: with under 100 requests an error
        /// rate is known to no better than ±10 pp and a p99 is the maximum.
        package var minimumRequests = 100
        /// An error rate this many percentage points above the baseline's matters to users: 1 request in 200
        /// more failing.
        package var errorRateIncreasePP = 0.5
        /// …and so does this multiple of the baseline's error rate, for services that rarely fail, where
        /// 0.05% → 0.2% is a regression though well under 0.5 pp.
        package var errorRateRatio = 2.0
        /// A median this much slower (canary p50 / baseline p50) with a significant Mann-Whitney test fails; the
        /// histogram's 1.6% resolution (``LatencyHistogram``) is far below it.
        package var p50FailRatio = 1.25
        /// …and this much slower is `marginal`.
        package var p50MarginalRatio = 1.10
        /// A p99 this much slower fails. No test applies to a single tail percentile, so the bar is higher than the
        /// median's and needs ``minimumRequestsForP99`` on both sides.
        package var p99FailRatio = 1.5
        /// …and this much slower is `marginal`.
        package var p99MarginalRatio = 1.2
        /// p99 is judged only with this many requests on each side: 10 above the percentile, so one slow request
        /// does not decide it.
        package var minimumRequestsForP99 = 1000

        package init() {}
    }

    package var thresholds: Thresholds

    package init(thresholds: Thresholds = Thresholds()) {
        self.thresholds = thresholds
    }

    /// Judges every target of positive weight other than the baseline against the baseline, in input order.
    ///
    /// - Parameter baseline: The baseline's name; `nil` for the target of largest weight (the first of equals).
    package func judge(_ targets: [Target], baseline: String?) throws(CanaryJudgeError) -> [CanaryJudgement] {
        let chosen: Target
        if let baseline {
            guard let named = targets.first(where: { $0.name == baseline }) else {
                throw .unknownBaseline(baseline, targets: targets.map(\.name))
            }
            chosen = named
        } else {
            guard let largest = targets.max(by: { $0.weight < $1.weight }) else { throw .noTargets }
            // `max(by:)` returns the last of equal maxima; the first reads better ("stable" listed first).
            chosen = targets.first { $0.weight == largest.weight } ?? largest
        }
        return targets.filter { $0.name != chosen.name && $0.weight > 0 }.map { judge(canary: $0, baseline: chosen) }
    }

    /// Judges `canary` against `baseline`.
    package func judge(canary: Target, baseline: Target) -> CanaryJudgement {
        var findings: [(CanaryJudgement.Verdict, String)] = []
        if canary.requests < thresholds.minimumRequests || baseline.requests < thresholds.minimumRequests {
            findings.append((.marginal, "too few requests to judge reliably: \(canary.requests) on \(canary.name), "
                + "\(baseline.requests) on \(baseline.name), fewer than \(thresholds.minimumRequests) — marginal"))
        }
        let errorTest = TwoProportionTest(successes: canary.errors, trials: canary.requests, vs: baseline.errors, trials: baseline.requests)
        findings.append(errorRateFinding(errorTest))
        let mannWhitney = MannWhitneyUTest(canary.latency, baseline.latency)
        let p50Ratio = Self.ratio(canary.latency.percentile(50), baseline.latency.percentile(50))
        let p99Ratio = Self.ratio(canary.latency.percentile(99), baseline.latency.percentile(99))
        findings.append(medianFinding(mannWhitney, p50Ratio, canary: canary, baseline: baseline))
        findings.append(tailFinding(p99Ratio, canary: canary, baseline: baseline))
        let verdict = findings.map(\.0).max() ?? .pass
        return CanaryJudgement(
            target: canary.name,
            baseline: baseline.name,
            verdict: verdict,
            reasons: findings.map(\.1),
            errorRate: errorTest,
            mannWhitney: mannWhitney,
            p50Ratio: p50Ratio,
            p99Ratio: p99Ratio
        )
    }

    private func errorRateFinding(_ test: TwoProportionTest?) -> (CanaryJudgement.Verdict, String) {
        guard let test else { return (.marginal, "error rate: no request on one side, nothing to compare — marginal") }
        let rates = "error rate \(NumberFormat.percent(test.proportion)) vs \(NumberFormat.percent(test.otherProportion)) on the baseline"
        let p = NumberFormat.pValueClause(test.pValue)
        let differencePP = test.difference * 100
        guard test.difference > 0 else {
            return (.pass, "\(rates): not higher (\(p)) — pass")
        }
        let practical = differencePP >= thresholds.errorRateIncreasePP
            || test.proportion >= thresholds.errorRateRatio * test.otherProportion
        let significant = test.pValue < thresholds.alpha
        let higher = "\(rates): \(NumberFormat.number(differencePP)) pp higher (\(p))"
        switch (significant, practical) {
        case (true, true):
            let beyond = differencePP >= thresholds.errorRateIncreasePP
                ? "at least \(NumberFormat.number(thresholds.errorRateIncreasePP)) pp"
                : "at least \(NumberFormat.number(thresholds.errorRateRatio))× the baseline's"
            return (.fail, "\(higher), \(beyond) — fail")
        case (true, false):
            return (.marginal, "\(higher): real but under \(NumberFormat.number(thresholds.errorRateIncreasePP)) pp and "
                + "\(NumberFormat.number(thresholds.errorRateRatio))× the baseline — marginal")
        case (false, true):
            return (.marginal, "\(higher): large, but could be chance at this traffic (needs p < \(NumberFormat.number(thresholds.alpha))) — marginal")
        case (false, false):
            return (.pass, "\(higher): small and within chance — pass")
        }
    }

    private func medianFinding(_ test: MannWhitneyUTest?, _ p50Ratio: Double?, canary: Target, baseline: Target) -> (CanaryJudgement.Verdict, String) {
        guard let test else { return (.marginal, "latency: no request on one side, nothing to compare — marginal") }
        let p50 = "p50 \(NumberFormat.milliseconds(canary.latency.percentile(50))) vs \(NumberFormat.milliseconds(baseline.latency.percentile(50)))"
        let slowerShare = "a \(canary.name) request is slower than a \(baseline.name) request \(NumberFormat.percent(test.probabilityOfSuperiority, digits: 0)) of the time"
        let p = NumberFormat.pValueClause(test.pValue, name: "Mann-Whitney p")
        let significantlySlower = test.pValue < thresholds.alpha && test.probabilityOfSuperiority > 0.5
        guard let p50Ratio else {
            return (significantlySlower ? .marginal : .pass,
                    "\(p50): baseline median 0 ms, no ratio; \(slowerShare) (\(p)) — \(significantlySlower ? "marginal" : "pass")")
        }
        let ratio = "\(p50) (×\(NumberFormat.number(p50Ratio)))"
        if significantlySlower && p50Ratio >= thresholds.p50FailRatio {
            return (.fail, "\(ratio), at least ×\(NumberFormat.number(thresholds.p50FailRatio)); \(slowerShare) (\(p)) — fail")
        }
        if significantlySlower && p50Ratio >= thresholds.p50MarginalRatio {
            return (.marginal, "\(ratio), at least ×\(NumberFormat.number(thresholds.p50MarginalRatio)); \(slowerShare) (\(p)) — marginal")
        }
        if !significantlySlower && p50Ratio >= thresholds.p50FailRatio {
            return (.marginal, "\(ratio), but the difference could be chance (\(p)) — marginal")
        }
        return (.pass, "\(ratio); \(slowerShare) (\(p)) — pass")
    }

    private func tailFinding(_ p99Ratio: Double?, canary: Target, baseline: Target) -> (CanaryJudgement.Verdict, String) {
        let p99 = "p99 \(NumberFormat.milliseconds(canary.latency.percentile(99))) vs \(NumberFormat.milliseconds(baseline.latency.percentile(99)))"
        guard min(canary.latency.count, baseline.latency.count) >= Int64(thresholds.minimumRequestsForP99) else {
            return (.pass, "\(p99): not judged, fewer than \(thresholds.minimumRequestsForP99) timed requests on a side — pass")
        }
        guard let p99Ratio else { return (.pass, "\(p99): baseline p99 0 ms, no ratio — pass") }
        let ratio = "\(p99) (×\(NumberFormat.number(p99Ratio)))"
        if p99Ratio >= thresholds.p99FailRatio {
            return (.fail, "\(ratio), at least ×\(NumberFormat.number(thresholds.p99FailRatio)) — fail")
        }
        if p99Ratio >= thresholds.p99MarginalRatio {
            return (.marginal, "\(ratio), at least ×\(NumberFormat.number(thresholds.p99MarginalRatio)) — marginal")
        }
        return (.pass, "\(ratio), under ×\(NumberFormat.number(thresholds.p99MarginalRatio)) — pass")
    }

    /// `value / reference`, or `nil` when either is missing or the reference is 0 ms.
    private static func ratio(_ value: Int64?, _ reference: Int64?) -> Double? {
        guard let value, let reference, reference > 0 else { return nil }
        return Double(value) / Double(reference)
    }
}

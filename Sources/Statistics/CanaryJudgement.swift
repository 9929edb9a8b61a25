/// The verdict on one canary against its baseline, with the reasons and the figures they rest on.
package struct CanaryJudgement: Sendable, Hashable {
    /// From best to worst, so that the verdict of several checks is their `max()`.
    package enum Verdict: String, Sendable, Hashable, Comparable, CaseIterable {
        case pass, marginal, fail

        package static func < (lhs: Verdict, rhs: Verdict) -> Bool {
            lhs.severity < rhs.severity
        }

        private var severity: Int {
            switch self {
            case .pass: 0
            case .marginal: 1
            case .fail: 2
            }
        }
    }

    package let target: String
    package let baseline: String
    package let verdict: Verdict
    /// One line per check, in plain English, each ending with the check's own verdict.
    package let reasons: [String]
    /// The canary's error rate against the baseline's; `nil` when a side had no request.
    package let errorRate: TwoProportionTest?
    /// The canary's latency against the baseline's; `nil` when a side had no timed request.
    package let mannWhitney: MannWhitneyUTest?
    /// Canary p50 / baseline p50; `nil` without a value on a side or with a baseline p50 of 0 ms.
    package let p50Ratio: Double?
    /// Canary p99 / baseline p99, likewise.
    package let p99Ratio: Double?
}

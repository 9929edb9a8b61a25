package import Statistics

extension DailyReport {
    /// The judgement of one canary against its baseline.
    package struct Canary: Sendable, Equatable, Codable {
        package var target: String
        package var baseline: String
        /// `pass`, `marginal` or `fail`.
        package var verdict: String
        /// One line per check, in plain English.
        package var reasons: [String]
        package var errorRatePValue: Double?
        package var mannWhitneyPValue: Double?
        package var p50Ratio: Double?
        package var p99Ratio: Double?

        package init(
            target: String, baseline: String, verdict: String, reasons: [String], errorRatePValue: Double?,
            mannWhitneyPValue: Double?, p50Ratio: Double?, p99Ratio: Double?
        ) {
            self.target = target
            self.baseline = baseline
            self.verdict = verdict
            self.reasons = reasons
            self.errorRatePValue = errorRatePValue
            self.mannWhitneyPValue = mannWhitneyPValue
            self.p50Ratio = p50Ratio
            self.p99Ratio = p99Ratio
        }

        package init(_ judgement: CanaryJudgement) {
            self.init(
                target: judgement.target,
                baseline: judgement.baseline,
                verdict: judgement.verdict.rawValue,
                reasons: judgement.reasons,
                errorRatePValue: judgement.errorRate?.pValue,
                mannWhitneyPValue: judgement.mannWhitney?.pValue,
                p50Ratio: judgement.p50Ratio,
                p99Ratio: judgement.p99Ratio
            )
        }

        enum CodingKeys: String, CodingKey {
            case target, baseline, verdict, reasons
            case errorRatePValue = "error_rate_p_value"
            case mannWhitneyPValue = "mann_whitney_p_value"
            case p50Ratio = "p50_ratio"
            case p99Ratio = "p99_ratio"
        }
    }
}

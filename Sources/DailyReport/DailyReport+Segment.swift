package import Statistics

extension DailyReport {
    /// One constant-weight segment of a route: the split test, its effect size, and when the split drifted.
    package struct Segment: Sendable, Equatable, Codable {
        /// When the segment's weights took effect, or the day's start if earlier (RFC 3339).
        package var from: String
        /// When the next weights took effect, or the day's end (RFC 3339).
        package var to: String
        package var targets: [Target]
        package var chiSquare: Double
        package var pValue: Double
        /// `ok`, `mismatch` or `insufficient-data`, as `routelens query split`.
        package var verdict: String
        package var cohensW: Double
        /// Every interval of the segment, marked or not, so charts show the whole day.
        package var drift: [Drift]
        /// Measured facts that explain a mismatch (one per line), e.g. requests of one target ending UF on another.
        package var explanations: [String]

        package init(
            from: String, to: String, targets: [Target], chiSquare: Double, pValue: Double, verdict: String,
            cohensW: Double, drift: [Drift], explanations: [String]
        ) {
            self.from = from
            self.to = to
            self.targets = targets
            self.chiSquare = chiSquare
            self.pValue = pValue
            self.verdict = verdict
            self.cohensW = cohensW
            self.drift = drift
            self.explanations = explanations
        }

        /// The segment from a split test of its requests and the drift detector's intervals (same target order);
        /// `timestamp` writes an interval bound (the caller's unit) as RFC 3339.
        package init(
            from: String, to: String, test: SplitTest, drift: [DriftInterval], explanations: [String],
            timestamp: (Int64) -> String
        ) {
            let names = test.targets.map(\.name)
            self.init(
                from: from,
                to: to,
                targets: test.targets.map(Target.init),
                chiSquare: test.chiSquare,
                pValue: test.pValue,
                verdict: test.verdict.rawValue,
                cohensW: test.cohensW,
                drift: drift.map { interval in
                    Drift(
                        from: timestamp(interval.start),
                        to: timestamp(interval.end),
                        observedShare: Dictionary(zip(names, interval.observedShares), uniquingKeysWith: { first, _ in first }),
                        requests: interval.requests.reduce(0, +),
                        pValue: interval.pValue,
                        adjustedPValue: interval.adjustedPValue,
                        significant: interval.isSignificant
                    )
                },
                explanations: explanations
            )
        }

        enum CodingKeys: String, CodingKey {
            case from, to, targets
            case chiSquare = "chi_square"
            case pValue = "p_value"
            case verdict
            case cohensW = "cohens_w"
            case drift, explanations
        }
    }
}

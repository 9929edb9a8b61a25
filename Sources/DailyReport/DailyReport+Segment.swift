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

    /// One target of a segment: configured against observed.
    package struct Target: Sendable, Equatable, Codable {
        package var target: String
        package var weight: Int
        package var expectedShare: Double
        package var observedShare: Double
        /// The 95% Wilson interval of the observed share, `[low, high]`; absent when the segment had no request.
        package var ci95: [Double]?
        package var requests: Int

        package init(target: String, weight: Int, expectedShare: Double, observedShare: Double, ci95: [Double]?, requests: Int) {
            self.target = target
            self.weight = weight
            self.expectedShare = expectedShare
            self.observedShare = observedShare
            self.ci95 = ci95
            self.requests = requests
        }

        init(_ result: SplitTest.TargetResult) {
            self.init(
                target: result.name,
                weight: result.weight,
                expectedShare: result.expectedShare,
                observedShare: result.observedShare,
                ci95: result.ci95.map { [$0.low, $0.high] },
                requests: result.requests
            )
        }

        enum CodingKeys: String, CodingKey {
            case target, weight
            case expectedShare = "expected_share"
            case observedShare = "observed_share"
            case ci95, requests
        }
    }

    /// One interval (5 minutes, or an hour on quiet routes) of a segment.
    package struct Drift: Sendable, Equatable, Codable {
        package var from: String
        package var to: String
        /// Target → its share of the interval's requests.
        package var observedShare: [String: Double]
        package var requests: Int
        /// The interval's own chi-square p-value; absent when too few requests to test.
        package var pValue: Double?
        /// After Holm's adjustment over the segment's tested intervals.
        package var adjustedPValue: Double?
        /// Whether the deviation is significant (see `DriftDetector`).
        package var significant: Bool

        package init(
            from: String, to: String, observedShare: [String: Double], requests: Int, pValue: Double?,
            adjustedPValue: Double?, significant: Bool
        ) {
            self.from = from
            self.to = to
            self.observedShare = observedShare
            self.requests = requests
            self.pValue = pValue
            self.adjustedPValue = adjustedPValue
            self.significant = significant
        }

        enum CodingKeys: String, CodingKey {
            case from, to
            case observedShare = "observed_share"
            case requests
            case pValue = "p_value"
            case adjustedPValue = "adjusted_p_value"
            case significant
        }
    }
}

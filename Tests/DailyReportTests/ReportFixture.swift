import DailyReport
import Statistics

/// A day of one weighted route built from the statistics it would be built from in production: a 90/10 split of
/// search-a and search-b over 00:00–12:00 that drifted to 80/20 from 10:00 to 11:00, then 50/50 until midnight,
/// and a canary that regressed; plus one route without weights.
enum ReportFixture {
    static let day = "2026-11-20"

    /// `minutes` after midnight of ``day`` as RFC 3339.
    static func timestamp(_ minutes: Int64) -> String {
        guard minutes < 1440 else { return "2026-11-21T00:00:00.000Z" }
        let hours = minutes / 60, rest = minutes % 60
        return "\(day)T\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest):00.000Z"
    }

    static func histogram(_ counts: [Int64: Int]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for (value, times) in counts { histogram.record(value, times: Int64(times)) }
        return histogram
    }

    /// 144 five-minute intervals from `start` (minutes) of 1000 requests split per `split`, ±10 requests of noise.
    static func intervals(from start: Int, count: Int, split: (Int) -> Int) -> [DriftDetector.Interval] {
        (0..<count).map { index in
            let second = split(index) + (index * 7 % 21) - 10
            let from = Int64(start + index * 5)
            return .init(start: from, end: from + 5, requests: [1000 - second, second])
        }
    }

    static func segment(from: Int64, to: Int64, weights: [Int], intervals: [DriftDetector.Interval], explanations: [String]) throws -> DailyReport.Segment {
        let totals = (0..<2).map { target in intervals.reduce(0) { $0 + $1.requests[target] } }
        let test = SplitTest(targets: [
            .init(name: "search-a", weight: weights[0], requests: totals[0]),
            .init(name: "search-b", weight: weights[1], requests: totals[1]),
        ])
        let drift = try DriftDetector().detect(weights: weights, intervals: intervals)
        return DailyReport.Segment(from: timestamp(from), to: timestamp(to), test: test, drift: drift, explanations: explanations, timestamp: timestamp)
    }

    static let baseline = CanaryJudge.Target(
        name: "search-a", weight: 50, requests: 20_000, errors: 100,
        latency: histogram([20: 10_000, 30: 6000, 50: 3000, 200: 800, 500: 200])
    )
    static let canary = CanaryJudge.Target(
        name: "search-b", weight: 50, requests: 2000, errors: 60,
        latency: histogram([30: 600, 50: 800, 80: 400, 400: 150, 1000: 50])
    )

    static func report(route: String = "search") throws -> DailyReport {
        let morning = try segment(
            from: 0, to: 720, weights: [90, 10],
            intervals: intervals(from: 0, count: 144) { (120..<132).contains($0) ? 200 : 100 },
            explanations: ["search-b: 6% of its requests ended UF with no host — the gateway retried them on search-a"]
        )
        let afternoon = try segment(from: 720, to: 1440, weights: [50, 50], intervals: intervals(from: 720, count: 144) { _ in 500 }, explanations: [])
        let judgements = try CanaryJudge().judge([baseline, canary], baseline: nil)
        return DailyReport(
            day: day,
            routes: [
                DailyReport.Route(
                    route: route,
                    segments: [morning, afternoon],
                    canary: judgements.map(DailyReport.Canary.init),
                    targetStats: [
                        .init(target: "search-a", requests: 20_000, errors: 100, p50Ms: 20, p90Ms: 50, p99Ms: 201,
                              topFailureClasses: [.init(failureClass: "UF", requests: 61), .init(failureClass: "5xx", requests: 39)],
                              previousDay: .init(requests: 19_500, errorRate: 0.0049, p99Ms: 199)),
                        .init(target: "search-b", requests: 2000, errors: 60, p50Ms: 50, p90Ms: 400, p99Ms: 1000,
                              topFailureClasses: [.init(failureClass: "URX", requests: 44)], previousDay: nil),
                    ]
                ),
            ],
            unweightedRoutes: [.init(route: "health", requests: 12_345, errorRate: 0.0125, p99Ms: 37, incidents: 2)]
        )
    }
}

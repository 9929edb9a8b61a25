import AccessLog
import Foundation
import TestSupport
import Ingest
import LogSynthesis
import Reports
import Routing
import GRDB
import Statistics
import Storage
import Testing

/// Rollups answer what raw rows answer: the same counts and splits on windows with and without minute-aligned
/// edges, and percentiles within 1% of the exact ones.
@Suite("Answers from rollups equal answers from raw rows")
struct RollupAnswerTests {
    struct Ingested: Sendable {
        let reporter: Reporter
        let directory: TemporaryDirectory
    }

    /// 100,000 lines at 10 a second: 2 h 47 min from 10:00, so windows hold minutes, hours and partial minutes.
    static let ingested = Result { try ingest() }

    static func ingest() throws -> Ingested {
        var scenario = TrafficScenario.shop
        scenario.requestsPerSecond = 10
        let (text, _) = try LogGenerator.generate(scenario)
        let directory = try TemporaryDirectory()
        try Data(text).write(to: URL(fileURLWithPath: directory.path("access.log")))
        let routesFile = Repository.fixture("routes/appmesh-gateway-routes.json")
        let routes = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        let database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        try database.recordRouteWeights(of: routes, effectiveAt: RouteWeightVersion.beginning)
        // A rollout step in the middle of a minute: split must count each side of it under its own weights.
        try database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO route_weight_version (effective_at, recorded_at) VALUES (:step, :step);
                    INSERT INTO route_weight (effective_at, route, target, weight)
                        SELECT :step, route, target, CASE WHEN route = 'orders-canary' THEN 50 ELSE weight END FROM route_weight;
                    """,
                arguments: ["step": Self.time("2026-11-26T11:20:30.500Z")]
            )
        }
        let options = IngestOptions(
            format: .fixed(try LogFormat(formatString: TrafficScenario.formatString)), attributor: RequestAttributor(routes: routes)
        )
        _ = try Ingestor(database: database, options: options).ingest(path: directory.path("access.log"))
        // Rollups for every window that is not one minute or less, however few its rows.
        return Ingested(reporter: Reporter(database: database, exactRowLimit: 0), directory: directory)
    }

    static func time(_ text: String) -> Int64 {
        Array(text.utf8).withUnsafeBytes { TimestampPattern.rfc3339.millisecondsSinceEpoch($0) } ?? 0
    }

    /// The windows compared: everything, whole minutes across hours, and edges inside minutes.
    static let windows: [(from: Int64?, to: Int64?)] = [
        (nil, nil),
        (time("2026-11-26T10:30:00Z"), time("2026-11-26T12:15:00Z")),
        (time("2026-11-26T10:17:23.456Z"), time("2026-11-26T12:41:07.089Z")),
        (time("2026-11-26T09:00:00Z"), time("2026-11-26T11:59:59.999Z")),
        (time("2026-11-26T11:00:00.001Z"), nil),
    ]

    var reporter: Reporter { get throws { try Self.ingested.get().reporter } }

    @Test("Requests, 5xx, 4xx and the local/upstream split by route, target and operation equal the raw counts", arguments: windows.indices)
    func errors(_ window: Int) throws {
        let (from, to) = Self.windows[window]
        for byTarget in [false, true] {
            let rolledUp = try reporter.errors(ReportScope(from: from, to: to, byTarget: byTarget))
            let exact = try reporter.errors(ReportScope(from: from, to: to, byTarget: byTarget, exact: true))
            #expect(rolledUp.method == .histogram)
            #expect(exact.method == .exact)
            #expect(rolledUp.routes == exact.routes)
            #expect(rolledUp.leftOut == exact.leftOut)
            #expect(!rolledUp.routes.isEmpty)
        }
    }

    @Test("Split requests per target and verdicts equal the raw ones, across a rollout step inside a minute", arguments: windows.indices)
    func split(_ window: Int) throws {
        let (from, to) = Self.windows[window]
        let rolledUp = try reporter.split(ReportScope(from: from, to: to))
        let exact = try reporter.split(ReportScope(from: from, to: to, exact: true))
        #expect(rolledUp.method == .histogram)
        #expect(rolledUp.routes == exact.routes)
        let step = Self.time("2026-11-26T11:20:30.500Z")
        let spansStep = step < (to ?? .max)
        #expect(rolledUp.routes.contains { $0.from == "2026-11-26T11:20:30.500Z" } == spansStep)
    }

    @Test("Percentiles from histograms are within 1% (or 1 ms) of exact nearest-rank, by route and target", arguments: windows.indices)
    func latency(_ window: Int) throws {
        let (from, to) = Self.windows[window]
        let rolledUp = try reporter.latency(ReportScope(from: from, to: to, byTarget: true))
        let exact = try reporter.latency(ReportScope(from: from, to: to, byTarget: true, exact: true))
        #expect(rolledUp.method == .histogram)
        #expect(rolledUp.routes.map(\.target) == exact.routes.map(\.target))
        for (approximate, nearestRank) in zip(rolledUp.routes, exact.routes) {
            #expect(approximate.requests == nearestRank.requests)
            #expect(approximate.max == nearestRank.max)
            for (a, e) in zip([approximate.p50, approximate.p90, approximate.p95, approximate.p99], [nearestRank.p50, nearestRank.p90, nearestRank.p95, nearestRank.p99]) {
                #expect(Double(abs(a - e)) <= max(1, Double(e) / 100), "\(approximate.route) \(approximate.target ?? "")")
            }
        }
    }

    @Test("A window of less than a minute is answered from raw rows alone")
    func smallWindowIsExact() throws {
        let report = try reporter.errors(ReportScope(from: Self.time("2026-11-26T10:05:10Z"), to: Self.time("2026-11-26T10:05:50Z")))
        #expect(report.method == .exact)
        #expect(report.resolution == "raw")
    }
}

/// Histograms merged minute by minute give every percentile within 1% of exact nearest-rank on a million
/// generated requests.
@Suite("Histogram percentiles on a million generated requests")
struct MillionRequestHistogramTests {
    @Test("p1 … p99.9 of every route's durations, recorded per minute, serialised and merged, are within 1% (or 1 ms)")
    func withinOnePercent() throws {
        var scenario = TrafficScenario.shop
        scenario.lineCount = 1_050_000
        let (_, truth) = try LogGenerator.generate(scenario)
        #expect(truth.routes.values.map(\.durationsMilliseconds.count).reduce(0, +) >= 1_000_000)
        for (route, routeTruth) in truth.routes {
            let durations = routeTruth.durationsMilliseconds.map(Int64.init)
            var merged = LatencyHistogram()
            // 1,000 requests a minute at the shop's rate: one stored minute each.
            for start in stride(from: 0, to: durations.count, by: 1000) {
                var minute = LatencyHistogram()
                minute.record(contentsOf: Array(durations[start..<min(start + 1000, durations.count)]))
                merged.merge(try #require(LatencyHistogram(serialized: minute.serialized)))
            }
            let sorted = durations.sorted()
            #expect(merged.count == Int64(sorted.count))
            for percent in [1, 10, 25, 50, 75, 90, 95, 99, 100] {
                let exact = try #require(NearestRankPercentile.percentile(percent, ofSorted: sorted))
                let approximate = try #require(merged.percentile(percent))
                #expect(Double(abs(approximate - exact)) <= max(1, Double(exact) / 100), "\(route) p\(percent): \(approximate) vs \(exact)")
            }
        }
    }
}

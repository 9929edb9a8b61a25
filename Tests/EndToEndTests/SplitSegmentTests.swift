import AccessLog
import Foundation
import Ingest
import Reports
import Routing
import Storage
import TestSupport
import Testing

/// A canary rollout from 10% to 50% at 10:30: the split is tested per constant-weight segment, each against the
/// weights in force while its requests started.
@Suite("Split per constant-weight segment")
struct SplitSegmentTests {
    /// 2026-11-26T10:00:00Z, when the 10% canary took effect.
    static let start: Int64 = 1_795_687_200_000
    /// 2026-11-26T10:30:00Z, when the canary went to 50%.
    static let step = start + 1_800_000

    let directory: TemporaryDirectory
    let database: RequestDatabase

    init() throws {
        directory = try TemporaryDirectory()
        database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        try database.recordRouteWeights(of: Self.canary(10), effectiveAt: Self.start)
        try database.recordRouteWeights(of: Self.canary(50), effectiveAt: Self.step)
    }

    static func canary(_ weight: Int) throws -> RouteTable {
        try RouteTable(documents: Data(CanaryRouteFile.yaml(canaryWeight: weight).utf8), source: "canary-\(weight).yaml")
    }

    /// Ingests 1,000 requests a second apart from `from`, `canaryPercent` of every 100 to the canary.
    func ingest(from: Int64, canaryPercent: Int) throws {
        let path = directory.path("access-\(from).log")
        try CanaryTraffic.text(from: from, canaryPercent: canaryPercent).write(toFile: path, atomically: true, encoding: .utf8)
        let options = IngestOptions(format: .fixed(LogFormat(preset: .envoy)), attributor: RequestAttributor(routes: try Self.canary(50)))
        _ = try Ingestor(database: database, options: options).ingest(path: path)
    }

    /// Each segment as `from–to: canary weight, canary requests/requests verdict`.
    func segments(_ scope: ReportScope = ReportScope()) throws -> [String] {
        try Reporter(database: database).split(scope).routes.map { segment in
            let canary = segment.targets.first { $0.target == "checkout-canary" }
            return "\(segment.from ?? "-")–\(segment.to ?? "-"): \(canary?.weight ?? 0), \(canary?.requests ?? 0)/\(segment.requests) \(segment.verdict)"
        }
    }

    /// The segments after an hour of traffic: 10% to the canary until the step, `canaryPercent` from then on.
    func rollout(canaryPercentAfterStep canaryPercent: Int, _ scope: ReportScope = ReportScope()) throws -> [String] {
        try ingest(from: Self.start, canaryPercent: 10)
        try ingest(from: Self.step, canaryPercent: canaryPercent)
        return try segments(scope)
    }

    @Test("Traffic that follows the rollout is ok in both segments, each tested against its own weights")
    func trafficFollows() throws {
        #expect(try rollout(canaryPercentAfterStep: 50) == [
            "2026-11-26T10:00:00.000Z–2026-11-26T10:30:00.000Z: 10, 100/1000 ok", "2026-11-26T10:30:00.000Z–-: 50, 500/1000 ok",
        ])
    }

    @Test("Traffic that stayed at 10% after the step to 50% is a mismatch in the second segment only")
    func trafficDidNotFollow() throws {
        #expect(try rollout(canaryPercentAfterStep: 10) == [
            "2026-11-26T10:00:00.000Z–2026-11-26T10:30:00.000Z: 10, 100/1000 ok", "2026-11-26T10:30:00.000Z–-: 50, 100/1000 mismatch",
        ])
    }

    @Test("Requests that started before the first version are in no segment")
    func beforeFirstVersion() throws {
        try ingest(from: Self.start - 1_000_000, canaryPercent: 50)
        #expect(try segments() == [
            "2026-11-26T10:00:00.000Z–2026-11-26T10:30:00.000Z: 10, 0/0 insufficient-data",
            "2026-11-26T10:30:00.000Z–-: 50, 0/0 insufficient-data",
        ])
    }

    @Test("A window that ends before the step reports only the segment it overlaps")
    func windowBeforeStep() throws {
        #expect(try rollout(canaryPercentAfterStep: 50, ReportScope(to: Self.step - 60_000)) == [
            "2026-11-26T10:00:00.000Z–2026-11-26T10:30:00.000Z: 10, 100/1000 ok"
        ])
    }

    @Test("A rolled-up minute counts in the segment in force at the minute's start, though the step fell inside it")
    func rolledUpMinutes() throws {
        let stepMidMinute = Self.step + 30_000
        try database.recordRouteWeights(of: Self.canary(10), effectiveAt: Self.step)
        try database.recordRouteWeights(of: Self.canary(50), effectiveAt: stepMidMinute)
        try ingest(from: Self.step, canaryPercent: 50)
        let raw = try Reporter(database: database).split(ReportScope()).routes
        let retention = RawRetention(database: database, keepingMilliseconds: 60_000)
        while try retention.deleteOldestMinute(now: Self.step + 3_600_000) > 0 {}
        let rolledUp = try Reporter(database: database).split(ReportScope()).routes

        #expect(raw.map(\.from) == ["2026-11-26T10:00:00.000Z", "2026-11-26T10:30:30.000Z"])
        #expect(raw.map(\.requests) == [30, 970])
        #expect(rolledUp.map(\.requests) == [60, 940])
    }
}

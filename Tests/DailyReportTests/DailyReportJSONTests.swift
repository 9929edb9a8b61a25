import Foundation
import Testing
@testable import DailyReport

@Suite("Daily report JSON")
struct DailyReportJSONTests {
    static func json(_ report: DailyReport) throws -> [String: Any] {
        let data = try JSONEncoder().encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("Segments carry the issue's keys: targets with weight, shares, ci95 [lo, hi] and requests; chi_square, p_value, verdict, cohens_w, drift, explanations")
    func segmentKeys() throws {
        let json = try Self.json(try ReportFixture.report())
        #expect(json["day"] as? String == "2026-11-20")
        let route = try #require((json["routes"] as? [[String: Any]])?.first)
        #expect(route["route"] as? String == "search")
        let segment = try #require((route["segments"] as? [[String: Any]])?.first)
        #expect(Set(segment.keys) == ["from", "to", "targets", "chi_square", "p_value", "verdict", "cohens_w", "drift", "explanations"])
        #expect(segment["from"] as? String == "2026-11-20T00:00:00.000Z" && segment["to"] as? String == "2026-11-20T12:00:00.000Z")
        #expect(segment["verdict"] as? String == "ok")
        let target = try #require((segment["targets"] as? [[String: Any]])?.last)
        #expect(Set(target.keys) == ["target", "weight", "expected_share", "observed_share", "ci95", "requests"])
        #expect(target["target"] as? String == "search-b" && target["weight"] as? Int == 10 && target["requests"] as? Int == 15_168)
        // JSONSerialization on Linux may round the last bit, so compare within 1e-12.
        let observedShare = try #require(target["observed_share"] as? Double)
        #expect(abs(observedShare - 15_168.0 / 144_000) < 1e-12)
        #expect((target["ci95"] as? [Double])?.count == 2)
    }

    @Test("Drift entries carry from, to and the observed share per target; the planted hour is marked significant")
    func driftKeys() throws {
        let json = try Self.json(try ReportFixture.report())
        let segment = try #require(((json["routes"] as? [[String: Any]])?.first?["segments"] as? [[String: Any]])?.first)
        let drift = try #require(segment["drift"] as? [[String: Any]])
        #expect(drift.count == 144)
        let marked = drift.filter { $0["significant"] as? Bool == true }.compactMap { $0["from"] as? String }
        #expect(marked.first == "2026-11-20T10:00:00.000Z" && marked.last == "2026-11-20T10:55:00.000Z" && marked.count == 12)
        let shares = try #require(drift[120]["observed_share"] as? [String: Double])
        // Interval 120 carries 200 planted requests minus 10 of the fixture's noise.
        let canaryShare = try #require(shares["search-b"]), baselineShare = try #require(shares["search-a"])
        #expect(abs(canaryShare - 0.19) < 1e-12 && abs(baselineShare - 0.81) < 1e-12)
    }

    @Test("Canary entries carry the issue's keys, with the failing verdict and its reasons")
    func canaryKeys() throws {
        let json = try Self.json(try ReportFixture.report())
        let canary = try #require(((json["routes"] as? [[String: Any]])?.first?["canary"] as? [[String: Any]])?.first)
        #expect(Set(canary.keys) == ["target", "baseline", "verdict", "reasons", "error_rate_p_value", "mann_whitney_p_value", "p50_ratio", "p99_ratio"])
        #expect(canary["target"] as? String == "search-b" && canary["baseline"] as? String == "search-a")
        #expect(canary["verdict"] as? String == "fail")
        #expect((canary["reasons"] as? [String])?.count == 3)
        #expect(canary["p50_ratio"] as? Double == 2.5)
    }

    @Test("Per-target figures and unweighted routes use snake_case keys")
    func statsKeys() throws {
        let json = try Self.json(try ReportFixture.report())
        let stats = try #require(((json["routes"] as? [[String: Any]])?.first?["target_stats"] as? [[String: Any]])?.first)
        #expect(stats["p99_ms"] as? Int == 201 && stats["error_rate"] as? Double == 0.005)
        #expect((stats["top_failure_classes"] as? [[String: Any]])?.first?["class"] as? String == "UF")
        #expect((stats["previous_day"] as? [String: Any])?["requests"] as? Int == 19_500)
        let unweighted = try #require((json["unweighted_routes"] as? [[String: Any]])?.first)
        #expect(unweighted["route"] as? String == "health" && unweighted["incidents"] as? Int == 2)
    }

    @Test("The JSON decodes back to the same report")
    func roundTrip() throws {
        let report = try ReportFixture.report()
        #expect(try JSONDecoder().decode(DailyReport.self, from: JSONEncoder().encode(report)) == report)
    }
}

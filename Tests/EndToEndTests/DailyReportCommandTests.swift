import Foundation
import TestSupport
import Testing

/// `routelens report daily` on the bundled App Mesh fixture (2026-11-26, an 80/20 canary and a drifted 50/50 route).
@Suite("The daily rollout report")
struct DailyReportCommandTests {
    let fixture: IngestedFixture
    var directory: TemporaryDirectory { fixture.directory }
    var database: String { fixture.database }

    init() throws {
        fixture = try IngestedFixture()
    }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try RouteLensTool.run(arguments + ["--db", database])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("Each segment's requests, chi-square and p-value equal query split's over the same day")
    func segmentsEqualSplit() throws {
        let report = try json(["report", "daily", "--day", "2026-11-26", "--output", "json"])
        let split = try json(["query", "split", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-27T00:00:00Z", "--output", "json"])
        let reportRoutes = try #require(report["routes"] as? [[String: Any]])
        let splitRoutes = try #require(split["routes"] as? [[String: Any]])
        #expect(reportRoutes.map { $0["route"] as? String } == splitRoutes.map { $0["route"] as? String })
        for (reported, queried) in zip(reportRoutes, splitRoutes) {
            let segment = try #require((reported["segments"] as? [[String: Any]])?.first)
            #expect(segment["p_value"] as? Double == queried["p_value"] as? Double)
            #expect(segment["chi_square"] as? Double == queried["chi_square"] as? Double)
            #expect(segment["verdict"] as? String == queried["verdict"] as? String)
            let requests = (segment["targets"] as? [[String: Any]])?.map { $0["requests"] as? Int }
            #expect(requests == (queried["targets"] as? [[String: Any]])?.map { $0["requests"] as? Int })
        }
    }

    @Test("Per-target requests and error rates equal query errors --by-target over the same day")
    func targetFiguresEqualErrors() throws {
        let report = try json(["report", "daily", "--day", "2026-11-26", "--output", "json"])
        let errors = try json(["query", "errors", "--by-target", "--from", "2026-11-26T00:00:00Z", "--to", "2026-11-27T00:00:00Z", "--output", "json"])
        let rows = try #require(errors["routes"] as? [[String: Any]])
        var checked = 0
        for route in try #require(report["routes"] as? [[String: Any]]) {
            for stats in try #require(route["target_stats"] as? [[String: Any]]) {
                let row = try #require(rows.first { $0["route"] as? String == route["route"] as? String && $0["target"] as? String == stats["target"] as? String })
                #expect(stats["requests"] as? Int == row["requests"] as? Int)
                #expect(stats["error_rate"] as? Double == row["error_rate"] as? Double)
                checked += 1
            }
        }
        #expect(checked == 4)
    }

    @Test("The drifted 50/50 route is a mismatch with its drift found, and every route has a canary judgement")
    func driftAndCanary() throws {
        let report = try json(["report", "daily", "--day", "2026-11-26", "--output", "json"])
        let routes = try #require(report["routes"] as? [[String: Any]])
        let payments = try #require(routes.first { $0["route"] as? String == "payments" })
        let segment = try #require((payments["segments"] as? [[String: Any]])?.first)
        #expect(segment["verdict"] as? String == "mismatch")
        #expect((segment["drift"] as? [[String: Any]])?.contains { $0["significant"] as? Bool == true } == true)
        for route in routes {
            let canary = try #require(route["canary"] as? [[String: Any]])
            #expect(canary.count == 1)
            #expect(["pass", "marginal", "fail"].contains(canary[0]["verdict"] as? String ?? ""))
        }
    }

    @Test("HTML goes to --out as one self-contained page carrying the numbers")
    func htmlToFile() throws {
        let out = directory.path("report.html")
        let result = try RouteLensTool.run(["report", "daily", "--db", database, "--day", "2026-11-26", "--output", "html", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("payments-green") && html.contains("57.14%"))
        // Nothing loads from the network: no scripts, no src or href to another host (the SVG namespace is a name).
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(http"))
    }

    @Test("A day that is not a date is refused with the command's usage")
    func badDay() throws {
        let result = try RouteLensTool.run(["report", "daily", "--db", database, "--day", "yesterday"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--day yesterday is not a date"))
    }
}

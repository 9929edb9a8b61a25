import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Rendering
import Reports
import Storage
import Testing

/// `GET /api/v1/report?day=` and `GET /report/daily/DAY.html`: the daily rollout report over HTTP.
@Suite("Daily report over HTTP")
struct DailyReportEndpointTests {
    @Test("/api/v1/report is the same JSON as the report built in process for the day")
    func reportJSON() async throws {
        let expected = try ReportJSON.string(Reporter(database: FixtureDatabase.reporterDatabase()).dailyReport(day: "2026-11-26"))
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/report?day=2026-11-26", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == expected)
                let routes = response.object["routes"] as? [[String: Any]] ?? []
                #expect(routes.map { $0["route"] as? String } == ["orders-canary", "payments"])
            }
        }
    }

    @Test("/report/daily/DAY.html is the HTML page, carrying the day's numbers")
    func reportPage() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/report/daily/2026-11-26.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<svg") && response.text.contains("payments-green"))
            }
        }
    }

    @Test("A day that is not a date, or no day, is a 400 saying what to give")
    func badDays() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            for uri in ["/api/v1/report?day=yesterday", "/api/v1/report", "/report/daily/2026-13-45.html", "/report/daily/today"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.object["hint"] != nil, "\(uri)")
                }
            }
        }
    }
}

import Rendering
@testable import Reports
import Testing

@Suite("Reports in every output form")
struct ReportTableTests {
    static let split = SplitReport(routes: [
        SplitReport.Route(
            route: "orders", from: nil, to: "2026-11-26T10:00:00.000Z", requests: 1000, chiSquare: 12.5, degreesOfFreedom: 1, pValue: 0.0004,
            alpha: 0.001, maxDeviationPP: 2.5, verdict: "mismatch",
            targets: [
                SplitReport.Target(target: "v1", weight: 80, expectedShare: 0.8, observedShare: 0.775, requests: 775, ci95Low: 0.75, ci95High: 0.8),
                SplitReport.Target(target: "v2, canary", weight: 20, expectedShare: 0.2, observedShare: 0.225, requests: 225, ci95Low: nil, ci95High: nil),
            ]
        )
    ], method: .exact, resolution: "raw")

    @Test("Table, CSV and NDJSON name the split's columns as its JSON does")
    func sameColumnNames() throws {
        let header = try #require(Self.split.rendered(as: .csv).split(separator: "\n").first)
        #expect(
            header
                == "route,from,to,target,weight,expected_share,observed_share,requests,ci95_low,ci95_high,p_value,max_deviation_pp,verdict,method,resolution"
        )
        let json = try Self.split.rendered(as: .json)
        for key in ["max_deviation_pp", "ci95_low", "ci95_high", "expected_share", "observed_share", "p_value"] {
            #expect(json.contains("\"\(key)\""))
            #expect(try Self.split.rendered(as: .table).contains(key))
        }
    }

    @Test("CSV repeats a segment's values on each target's row, quotes commas and leaves missing cells empty")
    func csvRowsStandAlone() throws {
        let rows = try Self.split.rendered(as: .csv).split(separator: "\n").dropFirst()
        #expect(rows.first == "orders,,2026-11-26T10:00:00.000Z,v1,80,0.8,0.775,775,0.75,0.8,0.0004,2.5,mismatch,exact,raw")
        #expect(rows.last == "orders,,2026-11-26T10:00:00.000Z,\"v2, canary\",20,0.2,0.225,225,,,0.0004,2.5,mismatch,exact,raw")
    }

    @Test("A table shows a segment's values once and shares as percentages, under a caption naming the method")
    func tableShowsGroupsOnce() throws {
        let lines = try Self.split.rendered(as: .table).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "method exact: raw rows")
        #expect(lines[2].hasPrefix("orders") && lines[2].contains("77.50%") && lines[2].contains("mismatch"))
        #expect(lines[3].hasPrefix("orders") && !lines[3].contains("mismatch") && lines[3].contains("22.50%"))
    }

    @Test("NDJSON has one object per row, numbers as numbers and missing values as null")
    func ndjsonRows() throws {
        let lines = try Self.split.rendered(as: .ndjson).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"observed_share\":0.775") && lines[0].contains("\"from\":null"))
        #expect(lines[1].contains("\"ci95_low\":null") && lines[1].contains("\"target\":\"v2, canary\""))
    }

    @Test("An empty split says why in the table's caption")
    func emptySplitExplains() throws {
        #expect(try SplitReport(routes: [], method: .exact, resolution: "raw").rendered(as: .table).hasPrefix("no route with two or more weighted targets"))
    }

    @Test("Error rows are grouped by the columns the scope asks for")
    func errorGroups() throws {
        let report = ErrorReport(
            from: "2026-11-26T10:00:00.000Z", to: "2026-11-26T11:00:00.000Z",
            leftOut: .init(healthChecks: 3, traffic: 0, otherSide: 0),
            routes: [.init(route: "orders", target: "v1", operation: nil, requests: 10, errors5xx: 1, errors4xx: 2, errorRate: 0.1, errors5xxLocal: 1, errors5xxUpstream: 0)],
            method: .histogram, resolution: "1h", scope: ReportScope(byTarget: true)
        )
        #expect(
            try report.rendered(as: .csv)
                == "route,target,requests,errors_5xx,errors_4xx,error_rate,errors_5xx_local,errors_5xx_upstream,method,resolution\norders,v1,10,1,2,0.1,1,0,histogram,1h"
        )
        let table = try report.rendered(as: .table)
        #expect(table.hasPrefix("requests from 2026-11-26T10:00:00.000Z to 2026-11-26T11:00:00.000Z; not counted: 3 health checks"))
        #expect(table.contains("10.00%"))
        #expect(table.contains("method histogram: rollups down to 1h"))
        #expect(try report.rendered(as: .json).contains(#""method":"histogram","resolution":"1h""#))
    }
}

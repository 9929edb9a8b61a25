import Foundation
import TestSupport
import Testing

/// `routelens routes import FILE --effective T` on a database ingested with the 10% canary, then `query split`.
@Suite("routes import and the split per segment, end to end")
struct RoutesImportTests {
    let directory: TemporaryDirectory
    var database: String { directory.path("routelens.sqlite") }

    /// A database ingested with the 10% canary route file, holding an hour of traffic from 10:00: 10% to the
    /// canary until 10:30, 50% from then on.
    init() throws {
        directory = try TemporaryDirectory()
        for weight in [10, 50] {
            try CanaryRouteFile.yaml(canaryWeight: weight).write(toFile: directory.path("canary-\(weight).yaml"), atomically: true, encoding: .utf8)
        }
        let start: Int64 = 1_795_687_200_000
        let log = CanaryTraffic.text(from: start, canaryPercent: 10) + CanaryTraffic.text(from: start + 1_800_000, canaryPercent: 50)
        try log.write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--format", "envoy", "--routes", directory.path("canary-10.yaml"), directory.path("access.log"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
    }

    /// `routelens routes import canary-WEIGHT.yaml --effective EFFECTIVE`.
    func importCanary(_ weight: Int, effective: String) throws -> RouteLensTool.Result {
        try RouteLensTool.run(["routes", "import", directory.path("canary-\(weight).yaml"), "--effective", effective, "--db", database])
    }

    /// What `routelens query split --output OUTPUT` printed; an issue unless it exits 0.
    func split(output: String) throws -> String {
        let result = try RouteLensTool.run(["query", "split", "--db", database, "--output", output])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput
    }

    @Test("routes import says what it recorded, and query split --output json gives each segment its from and to")
    func segmentsInJSON() throws {
        #expect(try importCanary(50, effective: "2026-11-26T10:30:00Z").standardOutput.contains("in force from 2026-11-26T10:30:00.000Z"))
        let routes = try #require(try json(split(output: "json")) as? [String: Any])["routes"] as? [[String: Any]]
        let segments = try #require(routes).map { segment in
            ["route", "from", "to", "requests", "verdict"].map { key in segment[key].map { "\($0)" } ?? "absent" }
        }
        #expect(segments == [
            ["checkout", "absent", "2026-11-26T10:30:00.000Z", "1000", "ok"],
            ["checkout", "2026-11-26T10:30:00.000Z", "absent", "1000", "ok"],
        ])
    }

    @Test("query split's table shows from and to on each segment's first row, - where it is unbounded")
    func segmentsInTable() throws {
        _ = try importCanary(50, effective: "2026-11-26T11:30:00+01:00")
        let rows = try split(output: "table").split(separator: "\n").filter { $0.hasPrefix("checkout ") }
        #expect(rows.map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == [
            "checkout - 2026-11-26T10:30:00.000Z checkout-canary",
            "checkout checkout-stable 90 90.00%",
            "checkout 2026-11-26T10:30:00.000Z - checkout-canary",
            "checkout checkout-stable 50 50.00%",
        ])
    }

    @Test("Importing the weights already in force at --effective records nothing and says so")
    func identicalImport() throws {
        let imported = try importCanary(10, effective: "2026-11-26T10:30:00Z").standardOutput
        #expect(imported.hasPrefix("nothing recorded: these weights are already in force at 2026-11-26T10:30:00.000Z"))
        let rows = try split(output: "csv").split(separator: "\n")
        #expect(rows.count == 3, "the header and one segment of two targets: \(rows)")
    }

    @Test("An --effective that is not an RFC 3339 time is refused, naming the option and showing a good time")
    func badTimestamp() throws {
        let imported = try importCanary(50, effective: "2026-11-26 10:30")
        #expect(imported.status != 0)
        #expect(imported.standardError.contains("--effective 2026-11-26 10:30 is not an RFC 3339 time such as 2026-11-26T10:00:00Z"))
    }
}

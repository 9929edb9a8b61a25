import Foundation
import TestSupport
import Testing

/// `routelens routes import FILE --effective T` on a database ingested with the 10% canary, then `query split`.
@Suite("routes import and the split per segment, end to end")
struct RoutesImportTests {
    let directory: TemporaryDirectory
    let database: String

    /// A database ingested with the 10% canary route file, holding an hour of traffic from 10:00: 10% to the
    /// canary until 10:30, 50% from then on.
    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("routelens.sqlite")
        try CanaryRouteFile.yaml(canaryWeight: 10).write(toFile: directory.path("canary-10.yaml"), atomically: true, encoding: .utf8)
        try CanaryRouteFile.yaml(canaryWeight: 50).write(toFile: directory.path("canary-50.yaml"), atomically: true, encoding: .utf8)
        let start: Int64 = 1_795_687_200_000
        let log = CanaryTraffic.text(from: start, canaryPercent: 10) + CanaryTraffic.text(from: start + 1_800_000, canaryPercent: 50)
        try log.write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--format", "envoy", "--routes", directory.path("canary-10.yaml"), directory.path("access.log"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
    }

    func importCanary(_ weight: Int, effective: String) throws -> RouteLensTool.Result {
        try RouteLensTool.run(["routes", "import", directory.path("canary-\(weight).yaml"), "--effective", effective, "--db", database])
    }

    @Test("routes import says what it recorded, and query split --output json gives each segment its from and to")
    func segmentsInJSON() throws {
        let imported = try importCanary(50, effective: "2026-11-26T10:30:00Z")
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("in force from 2026-11-26T10:30:00.000Z"))

        let split = try RouteLensTool.run(["query", "split", "--db", database, "--output", "json"])
        #expect(split.status == 0, "\(split.standardError)")
        let routes = try #require(try json(split.standardOutput) as? [String: Any])["routes"] as? [[String: Any]]
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
        let split = try RouteLensTool.run(["query", "split", "--db", database])
        let rows = split.standardOutput.split(separator: "\n").filter { $0.hasPrefix("checkout ") }
        #expect(rows.map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == [
            "checkout - 2026-11-26T10:30:00.000Z checkout-canary",
            "checkout checkout-stable 90 90.00%",
            "checkout 2026-11-26T10:30:00.000Z - checkout-canary",
            "checkout checkout-stable 50 50.00%",
        ])
    }

    @Test("Importing the weights already in force at --effective records nothing and says so")
    func identicalImport() throws {
        let imported = try importCanary(10, effective: "2026-11-26T10:30:00Z")
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.hasPrefix("nothing recorded: these weights are already in force at 2026-11-26T10:30:00.000Z"))
        let split = try RouteLensTool.run(["query", "split", "--db", database, "--output", "csv"])
        #expect(split.standardOutput.split(separator: "\n").count == 3, "header and one segment of two targets: \(split.standardOutput)")
    }

    @Test("An --effective that is not an RFC 3339 time is refused, naming the option and showing a good time")
    func badTimestamp() throws {
        let imported = try importCanary(50, effective: "2026-11-26 10:30")
        #expect(imported.status != 0)
        #expect(imported.standardError.contains("--effective 2026-11-26 10:30 is not an RFC 3339 time such as 2026-11-26T10:00:00Z"))
    }
}

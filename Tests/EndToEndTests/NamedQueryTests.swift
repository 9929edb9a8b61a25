import Foundation
import TestSupport
import Testing

/// `routelens query list` and `query run` over the bundled App Mesh fixture.
@Suite("Named queries")
struct NamedQueryTests {
    let fixture: IngestedFixture
    var directory: TemporaryDirectory { fixture.directory }
    var database: String { fixture.database }

    init() throws {
        fixture = try IngestedFixture()
    }

    static let shipped = [
        "flags-over-time", "local-vs-upstream-5xx", "requests-per-upstream-host", "slowest-requests", "throttled-clients", "top-failing-paths",
    ]

    @Test("query list names every shipped query with its parameters")
    func list() throws {
        let result = try RouteLensTool.run(["query", "list"])
        #expect(result.status == 0)
        for name in Self.shipped { #expect(result.standardOutput.contains(name + "\n")) }
        #expect(result.standardOutput.contains("--param limit=<integer> (default 20)"))
    }

    @Test("Every shipped query runs on a real database and returns rows", arguments: shipped)
    func runs(name: String) throws {
        let result = try RouteLensTool.run(["query", "run", name, "--db", database, "--output", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["query"] as? String == name)
        #expect(((json["rows"] as? [Any])?.count ?? 0) > 0)
    }

    @Test("The slowest requests come slowest first, as many as asked")
    func slowestFirst() throws {
        let result = try RouteLensTool.run(["query", "run", "slowest-requests", "--db", database, "--param", "limit=5", "--output", "json"])
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        let durations = rows.compactMap { $0["duration_ms"] as? Int }
        #expect(durations.count == 5)
        #expect(durations == durations.sorted(by: >))
    }

    @Test("A parameter the query does not declare, or a value of the wrong type, is refused by name")
    func badParameters() throws {
        let unknown = try RouteLensTool.run(["query", "run", "slowest-requests", "--db", database, "--param", "lmit=5"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("slowest-requests declares no parameter lmit; its parameters: from, to, route, limit"))
        let badTime = try RouteLensTool.run(["query", "run", "slowest-requests", "--db", database, "--param", "from=yesterday"])
        #expect(badTime.status == 1)
        #expect(badTime.standardError.contains("--param from=yesterday is not an RFC 3339 time"))
    }

    @Test("A query of one's own in --queries runs with its declared parameters")
    func ownQuery() throws {
        let queries = try directory.subdirectory("mine")
        try """
            -- Requests per route above a duration.
            -- param slower_than: integer = 100 -- milliseconds
            SELECT route, COUNT(*) AS requests FROM request_view WHERE duration_ms > :slower_than GROUP BY route ORDER BY route;
            """.write(toFile: queries + "/slow-routes.sql", atomically: true, encoding: .utf8)
        let listed = try RouteLensTool.run(["query", "list", "--queries", queries])
        #expect(listed.standardOutput.contains("slow-routes\n  Requests per route above a duration."))
        let result = try RouteLensTool.run(["query", "run", "slow-routes", "--queries", queries, "--db", database, "--param", "slower_than=400", "--output", "csv"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("route,requests\n"))
    }
}

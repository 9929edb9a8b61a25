import Foundation
import TestSupport
import Testing

/// The CLI's answers on the bundled App Mesh gateway log equal the answers `fixtures/make_fixtures.py`
/// computed independently (Python sorting for percentiles, scipy for chi-squared p-values).
@Suite("Answers on the bundled fixtures", .serialized)
struct FixtureAnswersTests {
    let directory: TemporaryDirectory
    let database: String
    let ingestReport: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("routelens.sqlite")
        let format = try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8)
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database,
            "--routes", Repository.fixture("routes/appmesh-gateway-routes.json"),
            "--format-string", format,
            Repository.fixture("logs/appmesh-gateway.log.gz"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        ingestReport = ingest.standardError
    }

    @Test("query NAME --output json equals the expected answer", arguments: ["errors", "latency", "split"])
    func report(_ name: String) throws {
        let result = try RouteLensTool.run(["query", name, "--db", database, "--output", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let expected = try String(contentsOfFile: Repository.fixture("expected/appmesh-gateway.\(name).json"), encoding: .utf8)
        #expect(jsonEqual(try json(result.standardOutput), try json(expected)) == nil)
    }

    @Test("Ingesting the same file again adds nothing")
    func reingestAddsNothing() throws {
        let before = try RouteLensTool.run(["query", "errors", "--db", database, "--output", "json"]).standardOutput
        let format = try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8)
        let again = try RouteLensTool.run(["ingest", "--db", database, "--format-string", format, Repository.fixture("logs/appmesh-gateway.log.gz")])
        #expect(again.standardError.contains("0 records, 0 rejected, 0 lines"))
        #expect(again.standardError.contains("3000 lines were already ingested"))
        let after = try RouteLensTool.run(["query", "errors", "--db", database, "--output", "json"]).standardOutput
        #expect(before == after)
    }

    @Test("Ingest reports records, rejected lines and lines per file")
    func ingestSummary() {
        #expect(ingestReport.contains("appmesh-gateway.log.gz: 2986 records, 14 rejected, 3000 lines (format custom)"))
    }
}

@Suite("routelens parse on every preset")
struct ParseFixtureTests {
    @Test("parse prints the records the fixture generator wrote", arguments: ["envoy", "istio", "istio-1.8", "istio-1.3", "istio-json", "envoy-gateway-json"])
    func parseFixture(_ name: String) throws {
        let result = try RouteLensTool.run(["parse", Repository.fixture("logs/\(name).log")])
        #expect(result.status == 0)
        #expect(result.standardError.hasSuffix("11 records, 0 rejected\n"))
        let expected = try String(contentsOfFile: Repository.fixture("expected/\(name).parse.jsonl"), encoding: .utf8)
        let actualLines = result.standardOutput.split(separator: "\n").map(String.init)
        let expectedLines = expected.split(separator: "\n").map(String.init)
        #expect(actualLines.count == expectedLines.count)
        for (actual, wanted) in zip(actualLines, expectedLines) {
            #expect(jsonEqual(try json(actual), try json(wanted)) == nil)
        }
    }

    @Test("--format auto says which preset it chose")
    func autoSaysWhichPreset() throws {
        let result = try RouteLensTool.run(["parse", Repository.fixture("logs/istio-1.8.log")])
        #expect(result.standardError.contains("format istio-1.8 (parsed 11 of the first 11 lines)"))
    }
}

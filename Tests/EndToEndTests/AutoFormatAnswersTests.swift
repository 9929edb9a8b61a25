import Foundation
import TestSupport
import Testing

/// The bundled App Mesh log is Envoy's default format with `%UPSTREAM_CLUSTER%` appended, as App Mesh and Kuma users
/// write it: read with `--format auto`, it gives the same answers as with its format string.
@Suite("Answers on the bundled fixture, its format detected")
struct AutoFormatAnswersTests {
    @Test("Detected as envoy + 1 trailing field, query NAME --output json equals the expected answer")
    func detectedFormatAnswers() throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("routelens.sqlite")
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--routes", Repository.fixture("routes/appmesh-gateway-routes.json"),
            Repository.fixture("logs/appmesh-gateway.log.gz"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        #expect(ingest.standardError.contains("(format envoy + 1 trailing field, detected)"))
        for name in ["errors", "latency", "split"] {
            let result = try RouteLensTool.run(["query", name, "--db", database, "--output", "json"])
            let expected = try String(contentsOfFile: Repository.fixture("expected/appmesh-gateway.\(name).json"), encoding: .utf8)
            #expect(jsonEqual(try json(result.standardOutput), try json(expected)) == nil, "\(name)")
        }
    }
}

import Foundation
import TestSupport
import Testing

/// The bundled App Mesh gateway log ingested with its routes and format string into a database of its own: what
/// tests of the commands that read a database start from.
struct IngestedFixture {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("db.sqlite")
        let result = try RouteLensTool.run([
            "ingest", "--db", database, "--routes", Repository.fixture("routes/appmesh-gateway-routes.json"), "--format-string",
            try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8),
            Repository.fixture("logs/appmesh-gateway.log.gz"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
    }
}

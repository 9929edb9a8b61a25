import AccessLog
import Foundation
import GRDB
import Ingest
import LogSynthesis
import Routing
import Storage
import TestSupport

/// A generated App Mesh gateway log in a directory of its own, with a database beside it; both are
/// removed when the test ends.
final class GeneratedLog: Sendable {
    let directory: TemporaryDirectory
    let lines: Int
    var logPath: String { directory.path("access.log") }
    var databasePath: String { directory.path("routelens.sqlite") }

    init(lines: Int) throws {
        self.lines = lines
        directory = try TemporaryDirectory()
        var scenario = TrafficScenario.shop
        scenario.lineCount = lines
        try Data(LogGenerator.generate(scenario).text).write(to: URL(fileURLWithPath: logPath))
    }

    static let routes: RouteTable = {
        let path = Repository.fixture("routes/appmesh-gateway-routes.json")
        return try! RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: path)), source: path)
    }()

    /// An ingestor committing every `linesPerTransaction` lines, rejecting lines longer than `maxLineLength`.
    func ingestor(_ database: RequestDatabase, linesPerTransaction: Int, maxLineLength: Int = 1 << 20) throws -> Ingestor {
        var options = IngestOptions(format: .fixed(try LogFormat(formatString: TrafficScenario.formatString)), attributor: RequestAttributor(routes: Self.routes))
        options.linesPerTransaction = linesPerTransaction
        options.maxLineLength = maxLineLength
        return Ingestor(database: database, options: options)
    }

    /// What the database holds of the file: its checkpoint and its rows' line numbers in insertion order.
    func stored(in database: RequestDatabase) throws -> (file: SourceFile, lines: [Int64], rejectedLines: [Int64]) {
        try database.pool.read { db in
            (
                try SourceFile.fetchOne(db)!,
                try Int64.fetchAll(db, sql: "SELECT line FROM request ORDER BY id"),
                try Int64.fetchAll(db, sql: "SELECT line FROM rejected_line ORDER BY line")
            )
        }
    }
}

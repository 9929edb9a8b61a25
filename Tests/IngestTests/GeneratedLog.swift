import AccessLog
import Foundation
import GRDB
import Ingest
import LogSynthesis
import Routing
import Storage

/// A generated App Mesh gateway log in a directory of its own, with a database beside it; both are
/// removed when the test ends.
final class GeneratedLog: Sendable {
    let directory: URL
    let lines: Int
    var logPath: String { directory.appendingPathComponent("access.log").path }
    var databasePath: String { directory.appendingPathComponent("routelens.sqlite").path }

    init(lines: Int) throws {
        self.lines = lines
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("routelens-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var scenario = TrafficScenario.shop
        scenario.lineCount = lines
        try Data(LogGenerator.generate(scenario).text).write(to: URL(fileURLWithPath: logPath))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    static let routes: RouteTable = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/routes/appmesh-gateway-routes.json").path
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

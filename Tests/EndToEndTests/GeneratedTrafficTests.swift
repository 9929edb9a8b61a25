import AccessLog
import Foundation
import TestSupport
import Ingest
import LogSynthesis
import Reports
import Routing
import Storage
import Testing

/// 100,000 generated lines with a known answer, including a planted 47/53 split on a 50/50 route,
/// ingested through the real pipeline (multi-member gzip, SQLite) and answered by the real reports.
@Suite("Answers on 100k generated lines")
struct GeneratedTrafficTests {
    /// Generated and ingested once for the whole suite.
    struct Ingested: Sendable {
        let truth: GroundTruth
        let summary: IngestSummary
        let reporter: Reporter
        /// Holds the database's directory until the suite ends.
        let directory: TemporaryDirectory
    }

    static let ingested = Result { try ingest() }

    var truth: GroundTruth { get throws { try Self.ingested.get().truth } }
    var summary: IngestSummary { get throws { try Self.ingested.get().summary } }
    var reporter: Reporter { get throws { try Self.ingested.get().reporter } }

    static func ingest() throws -> Ingested {
        let scenario = TrafficScenario.shop
        let (text, truth) = try LogGenerator.generate(scenario)
        let directory = try TemporaryDirectory()
        let halfway = text[(text.count / 2)...].firstIndex(of: UInt8(ascii: "\n"))! + 1
        try Data(text[..<halfway]).write(to: URL(fileURLWithPath: directory.path("a.log")))
        try Data(text[halfway...]).write(to: URL(fileURLWithPath: directory.path("b.log")))
        try shell("gzip -c a.log > access.log.1.gz && gzip -c b.log >> access.log.1.gz", in: directory.url)

        let routesFile = Repository.fixture("routes/appmesh-gateway-routes.json")
        let routes = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        let database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        try database.recordRouteWeights(of: routes, effectiveAt: RouteWeightVersion.beginning)
        let options = IngestOptions(
            format: .fixed(try LogFormat(formatString: TrafficScenario.formatString)),
            attributor: RequestAttributor(routes: routes)
        )
        let summary = try Ingestor(database: database, options: options).ingest(path: directory.path("access.log.1.gz"))
        return Ingested(truth: truth, summary: summary, reporter: Reporter(database: database), directory: directory)
    }

    @Test("Every line is read once: records and rejections add up to the generator's counts")
    func lineCounts() throws {
        let (summary, truth) = (try summary, try truth)
        #expect(summary.lines == Int64(truth.lines))
        #expect(summary.records == Int64(truth.httpRequests + truth.tcpRecords))
        #expect(summary.rejected == Int64(truth.malformedLines))
        #expect(summary.warnings.isEmpty)
    }

    @Test("Requests, 5xx and 4xx per route equal the truth")
    func errors() throws {
        let truth = try truth
        let report = try reporter.errors(ReportScope())
        #expect(Set(report.routes.map(\.route)) == Set(truth.routes.keys))
        for row in report.routes {
            let expected = try #require(truth.routes[row.route])
            #expect(row.requests == expected.requests, "\(row.route)")
            #expect(row.errors5xx == expected.errors5xx, "\(row.route)")
            #expect(row.errors4xx == expected.errors4xx, "\(row.route)")
        }
    }

    @Test("Nearest-rank p50, p90, p95, p99 and max per route equal the truth")
    func latency() throws {
        let truth = try truth
        let report = try reporter.latency(ReportScope(exact: true))
        #expect(report.method == .exact)
        for row in report.routes {
            let expected = try #require(truth.latency(route: row.route))
            #expect([row.p50, row.p90, row.p95, row.p99, row.max] == [expected.p50, expected.p90, expected.p95, expected.p99, expected.max].map(Int64.init), "\(row.route)")
        }
    }

    @Test("Requests per target equal the truth, and the planted payments mismatch is found")
    func split() throws {
        let truth = try truth
        let report = try reporter.split(ReportScope())
        #expect(report.routes.map(\.route) == ["orders-canary", "payments"])
        for route in report.routes {
            let expected = try #require(truth.targetCounts(route: route.route))
            #expect(Dictionary(uniqueKeysWithValues: route.targets.map { ($0.target, $0.requests) }) == expected)
        }
        #expect(report.routes.first { $0.route == "payments" }?.verdict == "mismatch")
        #expect(report.routes.first { $0.route == "orders-canary" }?.verdict == "ok")
    }
}

func shell(_ command: String, in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ShellError(command: command, status: process.terminationStatus) }
}

struct ShellError: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var description: String { "\(command) exited with \(status)" }
}

import AccessLog
import Foundation
import TestSupport
import GRDB
import Ingest
import Reports
import Routing
import Storage
import Testing

/// Retention deletes raw rows, which ingest already rolled up; the answers over the same window survive.
@Suite("Raw-row retention")
struct RetentionTests {
    let directory: TemporaryDirectory
    let database: RequestDatabase
    let reporter: Reporter

    init() throws {
        directory = try TemporaryDirectory()
        database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        let routesFile = Repository.fixture("routes/appmesh-gateway-routes.json")
        let routes = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        try database.recordRouteWeights(of: routes, effectiveAt: RouteWeightVersion.beginning)
        let format = try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8)
        let options = IngestOptions(format: .fixed(try LogFormat(formatString: format)), attributor: RequestAttributor(routes: routes))
        _ = try Ingestor(database: database, options: options).ingest(path: Repository.fixture("logs/appmesh-gateway.log.gz"))
        reporter = Reporter(database: database)
    }

    /// Deletes every raw row with a start time, a minute at a time, as if a year had passed.
    func expireEverything() throws -> Int {
        let retention = RawRetention(database: database, keepingMilliseconds: 86_400_000)
        let aYearLater = Int64(Date().timeIntervalSince1970 * 1000) + 365 * 86_400_000
        var deleted = 0
        while true {
            let rows = try retention.deleteOldestMinute(now: aYearLater)
            if rows == 0 { return deleted }
            deleted += rows
        }
    }

    @Test("Every raw row with a start time is deleted, a minute per call")
    func deletesRawRows() throws {
        #expect(try expireEverything() == 2986)
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") } == 0)
    }

    @Test("Error counts, by route and by target, and the split test equal the raw rows' once only rollups are left")
    func countsSurvive() throws {
        let errors = try reporter.errors(ReportScope(exact: true)).routes
        let errorsByTarget = try reporter.errors(ReportScope(byTarget: true, exact: true)).routes
        let split = try reporter.split(ReportScope(exact: true))
        #expect(split.method == .exact)
        _ = try expireEverything()
        #expect(try reporter.errors(ReportScope()).routes == errors)
        #expect(try reporter.errors(ReportScope(byTarget: true)).routes == errorsByTarget)
        let rolledUp = try reporter.split(ReportScope())
        #expect(rolledUp.routes == split.routes)
        #expect(rolledUp.method == .histogram)
    }

    @Test("The covered window keeps minute precision once rows are rolled up")
    func windowKeepsMinutes() throws {
        let before = try reporter.errors(ReportScope())
        _ = try expireEverything()
        let after = try reporter.errors(ReportScope())
        #expect(after.from == before.from.map { String($0.prefix(17)) + "00.000Z" })
        #expect(after.to.map { $0.prefix(16) } == before.to.map { $0.prefix(16) })
    }

    @Test("Percentiles once only rollups are left say method histogram and are within 1/256 of the exact ones")
    func percentilesFromHistograms() throws {
        let exact = try reporter.latency(ReportScope(exact: true))
        _ = try expireEverything()
        let histogram = try reporter.latency(ReportScope())
        #expect(exact.method == .exact)
        #expect(histogram.method == .histogram)
        #expect(histogram.routes.map(\.route) == exact.routes.map(\.route))
        for (after, before) in zip(histogram.routes, exact.routes) {
            #expect(after.requests == before.requests)
            #expect(after.max == before.max)
            for (a, b) in [(after.p50, before.p50), (after.p90, before.p90), (after.p95, before.p95), (after.p99, before.p99)] {
                #expect(Double(abs(a - b)) <= Double(b) / 256, "\(after.route)")
            }
        }
    }

    @Test("Rows newer than the retention period are kept")
    func recentRowsAreKept() throws {
        let retention = RawRetention(database: database, keepingMilliseconds: 365 * 86_400_000)
        #expect(try retention.deleteOldestMinute(now: Int64(Date().timeIntervalSince1970 * 1000)) == 0)
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request") } == 2986)
    }
}

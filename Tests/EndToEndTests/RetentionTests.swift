import AccessLog
import Foundation
import TestSupport
import GRDB
import Ingest
import Reports
import Routing
import Storage
import Testing

/// Retention rolls raw rows up per minute and deletes them; the answers over the same window survive.
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

    @Test("Error counts, by route and by target, and the split test are unchanged once the rows are rolled up")
    func countsSurvive() throws {
        let errors = try reporter.errors(ReportScope()).routes
        let errorsByTarget = try reporter.errors(ReportScope(byTarget: true)).routes
        let split = try reporter.split(ReportScope())
        _ = try expireEverything()
        #expect(try reporter.errors(ReportScope()).routes == errors)
        #expect(try reporter.errors(ReportScope(byTarget: true)).routes == errorsByTarget)
        #expect(try reporter.split(ReportScope()) == split)
    }

    @Test("The covered window keeps minute precision once rows are rolled up")
    func windowKeepsMinutes() throws {
        let before = try reporter.errors(ReportScope())
        _ = try expireEverything()
        let after = try reporter.errors(ReportScope())
        #expect(after.from == before.from.map { String($0.prefix(17)) + "00.000Z" })
        #expect(after.to.map { $0.prefix(16) } == before.to.map { $0.prefix(16) })
    }

    @Test("Percentiles over rolled-up minutes are marked approximate and at most 1/64 high")
    func percentilesBecomeApproximate() throws {
        let exact = try reporter.latency(ReportScope()).routes
        _ = try expireEverything()
        let approximate = try reporter.latency(ReportScope()).routes
        #expect(approximate.map(\.route) == exact.map(\.route))
        for (after, before) in zip(approximate, exact) {
            #expect(after.approximate == true)
            #expect(after.requests == before.requests)
            #expect(after.max == before.max)
            for (a, b) in [(after.p50, before.p50), (after.p90, before.p90), (after.p95, before.p95), (after.p99, before.p99)] {
                #expect(a >= b && Double(a - b) <= Double(b) / 64, "\(after.route)")
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

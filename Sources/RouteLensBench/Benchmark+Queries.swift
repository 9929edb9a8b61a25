import GRDB
import Foundation
import Ingest
import LogSynthesis
import Reports
import Routing
import Storage
import AccessLog

/// The query stage: a generated 30-day database of many routes, and how long the reports take over 30 days
/// and 24 hours from rollups, and exactly from raw rows.
extension Benchmark {
    /// `routes` weighted routes, `svc-00` … each splitting 90/10 between two virtual nodes, at one request a
    /// second: `lines` requests span `lines` seconds (3M: 34.7 days).
    static func monthScenario(lines: Int, routes: Int) -> TrafficScenario {
        var scenario = TrafficScenario.shop
        scenario.routes = (0..<routes).map { index in
            let name = String(format: "svc-%02d", index)
            return TrafficScenario.Route(
                name: name, prefix: "/\(name)", paths: ["/\(name)/items"], trafficWeight: 1 + index % 10, clientErrorRate: 0.02,
                noUpstreamRate: 0.002,
                targets: [
                    TrafficScenario.Target(
                        virtualNode: "\(name)-v1", configuredWeight: 90, actualWeight: 90, serverErrorRate: 0.004,
                        latency: LatencyModel(medianMilliseconds: 20 + index, p99Milliseconds: 300 + 10 * index)
                    ),
                    TrafficScenario.Target(
                        virtualNode: "\(name)-v2", configuredWeight: 10, actualWeight: 10, serverErrorRate: 0.02,
                        latency: LatencyModel(medianMilliseconds: 30 + index, p99Milliseconds: 500 + 10 * index)
                    ),
                ]
            )
        }
        scenario.requestsPerSecond = 1
        scenario.lineCount = lines
        scenario.tcpShare = 0
        scenario.malformedShare = 0
        return scenario
    }

    /// The App Mesh gateway routes of ``monthScenario(lines:routes:)``.
    static func monthRoutes(_ scenario: TrafficScenario) throws -> RouteTable {
        let routes = scenario.routes.map { route in
            let targets = route.targets.map { #"{"virtualNode": "\#($0.virtualNode)", "weight": \#($0.configuredWeight)}"# }.joined(separator: ", ")
            return #"{"meshName": "\#(scenario.mesh)", "gatewayRouteName": "\#(route.name)", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "\#(route.prefix)"}, "action": {"weightedTargets": [\#(targets)]}}}}"#
        }
        return try RouteTable(appMeshJSON: Data(("[" + routes.joined(separator: ",\n") + "]").utf8), source: "bench-month-routes.json")
    }

    /// The query stage's database, generated on first use.
    var monthDatabasePath: String { "\(directory)/month-\(queryLines)-\(queryRoutes).sqlite" }

    func runQueryStage() throws {
        let scenario = Self.monthScenario(lines: queryLines, routes: queryRoutes)
        let table = try Self.monthRoutes(scenario)
        let path = monthDatabasePath
        if !FileManager.default.fileExists(atPath: path) {
            let log = "\(directory)/month-\(queryLines)-\(queryRoutes).log"
            var generator = try LogGenerator(scenario: scenario)
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            var buffer: [UInt8] = []
            while generator.appendNextLine(to: &buffer) {
                if buffer.count >= 1 << 22 {
                    handle.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(Data(buffer))
            try handle.close()
            let store = try RequestDatabase(path: path + ".partial")
            try store.recordRouteWeights(of: table, effectiveAt: RouteWeightVersion.beginning)
            let format = try LogFormat(formatString: TrafficScenario.formatString)
            let built = try measure { () -> Int in
                Int(try Ingestor(database: store, options: IngestOptions(format: .fixed(format), attributor: RequestAttributor(routes: table))).ingest(path: log).records)
            }
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
            try? FileManager.default.removeItem(atPath: log)
            print(String(format: "query database: %d requests over %d routes ingested in %.1f s", built.count, queryRoutes, built.seconds))
        }
        let reporter = Reporter(database: try RequestDatabase(path: path))
        guard let newest = try reporter.newestRequestTime() else { return }
        let end = newest + 1
        print("query stage: \(queryLines) requests over \(queryRoutes) routes, \(String(format: "%.1f", Double(queryLines) / 86_400)) days (fastest of 5)")
        for (label, span) in [("30 d", Int64(30 * 86_400_000)), ("24 h", Int64(86_400_000))] {
            let scope = ReportScope(from: end - span, to: end)
            try time("errors  \(label)") { let report = try reporter.errors(scope); return report.method.rawValue + " " + report.resolution }
            try time("latency \(label)") { let report = try reporter.latency(scope); return report.method.rawValue + " " + report.resolution }
            try time("split   \(label)") { let report = try reporter.split(scope); return report.method.rawValue + " " + report.resolution }
        }
        var exact = ReportScope(from: end - 86_400_000, to: end)
        exact.exact = true
        try time("latency 24 h --exact") { let report = try reporter.latency(exact); return "\(report.method.rawValue), \(report.routes.map(\.requests).reduce(0, +)) requests" }
    }

    /// Prints the fastest of five runs of `body` in milliseconds, and what it says about its answer; returns the time.
    @discardableResult
    func time(_ name: String, _ body: () throws -> String) throws -> Double {
        var best = Double.infinity
        var said = ""
        for _ in 0..<5 {
            let start = DispatchTime.now()
            said = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%9.1f ms   ", best) + said)
        return best
    }
}

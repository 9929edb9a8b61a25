import AccessLog
import Foundation
import TestSupport
import Ingest
import Reports
import Routing
import Storage
import Testing

/// Envoy's default format logs no upstream cluster; a route file's host map names the target instead.
@Suite("Target attribution by upstream host")
struct HostAttributionTests {
    @Test("Requests to hosts in a target's networks or addresses count for that target; others for none")
    func targetsFromUpstreamHosts() throws {
        let directory = try TemporaryDirectory()
        func line(_ path: String, _ status: Int, _ host: String) -> String {
            #"[2026-11-26T10:00:00.000Z] "GET \#(path) HTTP/1.1" \#(status) - 0 10 5 4 "-" "curl/8" "r" "shop.example.com" "\#(host)""#
        }
        let lines = [
            line("/inventory/1", 200, "10.1.2.5:8080"),
            line("/inventory/2", 200, "10.1.2.77:8080"),
            line("/inventory/3", 200, "10.1.9.7:8080"),
            line("/inventory/4", 200, "10.9.9.9:8080"),
            line("/inventory/5", 503, "-"),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let routesFile = Repository.fixture("routes/routelens-routes.yaml")
        let routes = try RouteTable(documents: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        let database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        try database.recordRouteWeights(of: routes, effectiveAt: RouteWeightVersion.beginning)
        let options = IngestOptions(format: .fixed(LogFormat(preset: .envoy)), attributor: RequestAttributor(routes: routes))
        _ = try Ingestor(database: database, options: options).ingest(path: directory.path("access.log"))

        let split = try #require(try Reporter(database: database).split(ReportScope()).routes.first)
        #expect(split.route == "inventory-canary")
        #expect(split.targets.map { "\($0.target)=\($0.requests)" } == ["inventory-v1=2", "inventory-v2=1"])
        let errors = try Reporter(database: database).errors(ReportScope(byTarget: true)).routes
        #expect(errors.map { "\($0.target ?? "")=\($0.requests)" } == ["(no target)=2", "inventory-v1=2", "inventory-v2=1"])
    }
}

import AccessLog
import Foundation
import TestSupport
import Ingest
import LogSynthesis
import Reports
import Routing
import Storage
import Testing

/// The post-incident commands on generated traffic with a known answer: payments steps from ~0.5% to ~35% 5xx
/// from 10:40 to 10:50, orders-canary runs a steady 2%, and one client (192.0.2.7, an address the generator never
/// writes) is throttled 37 times.
@Suite("Incident, requests and rate limits on a planted incident")
struct IncidentTests {
    struct Ingested: Sendable {
        let reporter: Reporter
        let directory: TemporaryDirectory
    }

    static let ingested = Result { try ingest() }
    var reporter: Reporter { get throws { try Self.ingested.get().reporter } }

    static let start = 1_795_687_200_000 as Int64  // 2026-11-26T10:00:00Z
    static let onset = start + 40 * 60_000
    static let recovery = start + 50 * 60_000
    static let throttledClient = "192.0.2.7"

    /// The shop at 20 requests a second: 40 healthy minutes, 10 with payments failing, 30 healthy again.
    static func scenario(minutes: Int, from offset: Int64, paymentsFailing: Bool, seed: UInt64) -> TrafficScenario {
        var scenario = TrafficScenario.shop
        scenario.requestsPerSecond = 20
        scenario.lineCount = minutes * 60 * 20
        scenario.seed = seed
        scenario.startTime = Date(timeIntervalSince1970: Double(start + offset) / 1000)
        scenario.routes = scenario.routes.map { route in
            var route = route
            route.targets = route.targets.map { target in
                var target = target
                switch route.name {
                case "payments": target.serverErrorRate = paymentsFailing ? 0.35 : 0.005
                case "orders-canary": target.serverErrorRate = 0.02
                default: break
                }
                return target
            }
            return route
        }
        return scenario
    }

    /// `count` lines of `client` on payments answered 429 RL (`throttled`) or 200, a second apart from 10:20.
    static func clientLines(_ client: String, count: Int, throttled: Bool, from second: Int) -> [UInt8] {
        (0..<count).flatMap { index -> [UInt8] in
            let time = TimestampFormatter.rfc3339(millisecondsSinceEpoch: start + 20 * 60_000 + Int64(second + index) * 1000)
            let (status, host, cluster) = throttled ? ("429 RL", "-", "-") : ("200 -", "10.1.4.10:8080", "cds_egress_shop_payments-blue_http_8080")
            return Array(#"[\#(time)] "GET /payments/\#(index) HTTP/1.1" \#(status) 0 18 1 - "\#(client), 10.0.0.1" "curl/8.5.0" "-" "shop.example.com" "\#(host)" \#(cluster)"#.utf8) + [10]
        }
    }

    static func ingest() throws -> Ingested {
        var text: [UInt8] = []
        for (minutes, offset, failing, seed) in [(40, Int64(0), false, UInt64(1)), (10, 40 * 60_000, true, 2), (30, 50 * 60_000, false, 3)] {
            text += try LogGenerator.generate(scenario(minutes: minutes, from: offset, paymentsFailing: failing, seed: seed)).text
        }
        text += clientLines(throttledClient, count: 37, throttled: true, from: 0)
        text += clientLines(throttledClient, count: 3, throttled: false, from: 100)
        text += clientLines("192.0.2.9", count: 5, throttled: true, from: 200)
        let directory = try TemporaryDirectory()
        try Data(text).write(to: URL(fileURLWithPath: directory.path("access.log")))
        let routesFile = Repository.fixture("routes/appmesh-gateway-routes.json")
        let routes = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        let database = try RequestDatabase(path: directory.path("routelens.sqlite"))
        let options = IngestOptions(format: .fixed(try LogFormat(formatString: TrafficScenario.formatString)), attributor: RequestAttributor(routes: routes))
        _ = try Ingestor(database: database, options: options).ingest(path: directory.path("access.log"))
        return Ingested(reporter: Reporter(database: database), directory: directory)
    }

    func incident() throws -> IncidentReport {
        try reporter.incident(route: nil, from: Self.start, to: Self.start + 80 * 60_000)
    }

    @Test("The payments incident's onset and recovery are found within a minute of 10:40 and 10:50")
    func plantedIncidentFound() throws {
        let payments = try #require(try incident().routes.first { $0.route == "payments" })
        let onset = try #require(payments.onsetTime)
        let recovery = try #require(payments.recoveryTime)
        #expect(abs(onset - Self.onset) <= 60_000, "onset \(payments.onset ?? "-")")
        #expect(abs(recovery - Self.recovery) <= 60_000, "recovery \(payments.recovery ?? "-")")
    }

    @Test("No incident on the healthy routes, the steady 2% canary included")
    func healthyRoutesQuiet() throws {
        let report = try incident()
        #expect(Set(report.routes.map(\.route)) == ["orders-canary", "payments", "catalog"])
        for route in report.routes where route.route != "payments" {
            #expect(route.onset == nil, "\(route.route) onset \(route.onset ?? "")")
            #expect(route.recovery == nil)
        }
        let canary = try #require(report.routes.first { $0.route == "orders-canary" })
        let requests = canary.minutes.map(\.requests).reduce(0, +)
        let errors = canary.minutes.map(\.errors5xx).reduce(0, +)
        #expect(Double(errors) / Double(requests) > 0.015)
    }

    @Test("Incident minutes name the failing hosts, the 503 UF,URX flags and sample request ids that the listing finds")
    func incidentDetails() throws {
        let payments = try #require(try incident().routes.first { $0.route == "payments" })
        let during = try #require(payments.minutes.first { $0.minute == "2026-11-26T10:45:00.000Z" })
        #expect(during.bad)
        #expect(during.errorRate > 0.2)
        #expect(!during.failingHosts.isEmpty)
        #expect((during.flags["UF"] ?? 0) > 0 && (during.codes["503"] ?? 0) > 0)
        let samples = try #require(payments.requestIDs["503 UF,URX"])
        #expect(samples.count == 5)
        let listed = try reporter.requests(RequestListing.Filter(requestID: samples[0]))
        #expect(listed.requests.map(\.requestID) == [samples[0]])
        #expect(listed.requests.first?.status == 503 && listed.requests.first?.route == "payments")
    }

    @Test("requests lists the newest first with RFC 3339 times, and applies status, flag and route filters")
    func requestListing() throws {
        let listing = try reporter.requests(RequestListing.Filter(route: "payments", status: 500...599, flag: "UF", limit: 20))
        #expect(listing.requests.count == 20)
        #expect(listing.requests.allSatisfy { $0.route == "payments" && ($0.status ?? 0) >= 500 && ($0.flags ?? "").contains("UF") })
        let times = listing.requests.compactMap(\.startTime)
        #expect(times.count == 20 && times == times.sorted(by: >))
        #expect(times.allSatisfy { $0.hasPrefix("2026-11-26T1") && $0.hasSuffix("Z") })
    }

    @Test("ratelimit ranks the planted throttled client first on payments, with its exact counts")
    func throttledClientFirst() throws {
        let report = try reporter.rateLimits(ReportScope())
        let payments = try #require(report.routes.first { $0.route == "payments" })
        let first = try #require(payments.clients.first)
        #expect([first.client, String(first.throttled), String(first.requests)] == [Self.throttledClient, "37", "40"])
        #expect(payments.clients.dropFirst().first?.client == "192.0.2.9")
        #expect(payments.throttled >= 42)
    }

    @Test("errors --by flag names each flag and splits 5xx into Envoy-generated and upstream")
    func errorTaxonomy() throws {
        let report = try reporter.errors(ReportScope(route: "payments"), by: .flag)
        let uf = try #require(report.routes.first { $0.value == "UF" })
        #expect(uf.meaning == "upstream connection failure")
        #expect(uf.errors5xx > 0 && uf.errors5xxLocal == uf.errors5xx && uf.errors5xxUpstream == 0)
        let unflagged = try #require(report.routes.first { $0.value == "-" })
        #expect(unflagged.errors5xxUpstream > 0 && unflagged.errors5xxLocal == 0)
        let byStatus = try reporter.errors(ReportScope(route: "payments"), by: .status)
        #expect(byStatus.method == .exact)
        #expect(byStatus.routes.first { $0.value == "429" }?.requests ?? 0 >= 42)
    }

    @Test("query routes lists every route with its requests and the minutes it spans")
    func routeSummary() throws {
        let summary = try reporter.routeSummary()
        #expect(Set(summary.routes.filter { $0.requests > 0 }.map(\.route)) == ["orders-canary", "payments", "catalog"])
        #expect(summary.routes.contains { $0.tcpRecords > 0 })
        let counted = try reporter.errors(ReportScope(exact: true)).routes.map(\.requests).reduce(0, +)
        #expect(summary.routes.map(\.requests).reduce(0, +) == counted)
        #expect(summary.routes.allSatisfy { $0.firstMinute?.hasPrefix("2026-11-26T10:0") == true })
    }
}

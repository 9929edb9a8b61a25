import Foundation
import Testing

@testable import LogSynthesis

@Suite("GroundTruth")
struct GroundTruthTests {
    @Test("HTTP requests, TCP records and malformed lines add up to all lines")
    func lineKindsAddUp() throws {
        let truth = try ShopLog.generated().truth
        #expect(truth.httpRequests + truth.tcpRecords + truth.malformedLines == truth.lines)
        #expect(truth.routes.values.map(\.requests).reduce(0, +) == truth.httpRequests)
        #expect(truth.tcpRecords > 0 && truth.malformedLines > 0)
    }

    @Test("each route's target requests plus requests without upstream equal its requests")
    func routeRequestsAddUp() throws {
        let truth = try ShopLog.generated().truth
        for (name, route) in truth.routes {
            #expect(route.targetRequests.values.reduce(0, +) + route.requestsWithoutUpstream == route.requests, "\(name)")
            #expect(route.durationsMilliseconds.count == route.requests, "\(name)")
            #expect(route.requestsWithoutUpstream > 0, "\(name)")
        }
    }

    @Test("the planted payments mismatch shows: payments-green gets 53 % ± 1 instead of the configured 50 %")
    func plantedMismatchIsVisible() throws {
        let counts = try #require(try ShopLog.generated().truth.targetCounts(route: "payments"))
        let blue = try #require(counts["payments-blue"])
        let green = try #require(counts["payments-green"])
        let greenPercent = Double(green) * 100 / Double(blue + green)
        #expect((52...54).contains(greenPercent))
    }

    @Test("the orders canary split follows its configured 80/20 within 1 %")
    func canarySplitMatchesConfiguration() throws {
        let counts = try #require(try ShopLog.generated().truth.targetCounts(route: "orders-canary"))
        let v1 = try #require(counts["orders-v1"])
        let v2 = try #require(counts["orders-v2"])
        #expect((19...21).contains(Double(v2) * 100 / Double(v1 + v2)))
    }

    @Test("the orders-v2 canary is slower and fails more often than orders-v1")
    func canaryIsWorse() throws {
        let requests = try ShopLog.httpRequests()
        func medianAndServerErrorShare(of node: Substring) throws -> (median: Int, serverErrors: Double) {
            let served = requests.filter { $0.virtualNode == node }
            let durations = served.compactMap { Int($0.duration) }
            let summary = try #require(LatencySummary(durations: durations))
            let serverErrors = served.filter { $0.status.hasPrefix("5") }.count
            return (summary.p50, Double(serverErrors) / Double(served.count))
        }
        let stable = try medianAndServerErrorShare(of: "orders-v1")
        let canary = try medianAndServerErrorShare(of: "orders-v2")
        #expect(canary.median > stable.median)
        #expect(canary.serverErrors > 3 * stable.serverErrors)
    }

    @Test("latency(route:) summarises the route's durations and is nil for an unknown route")
    func latencyByRoute() throws {
        let truth = try ShopLog.generated().truth
        let catalog = try #require(truth.routes["catalog"])
        #expect(truth.latency(route: "catalog") == LatencySummary(durations: catalog.durationsMilliseconds))
        #expect(truth.latency(route: "checkout") == nil)
    }

    @Test("a target with actual weight 0 is listed with 0 requests")
    func idleTargetIsCounted() throws {
        var scenario = TrafficScenario.shop
        scenario.lineCount = 2_000
        scenario.routes[1].targets[1].actualWeight = 0
        let truth = try LogGenerator.generate(scenario).truth
        #expect(truth.targetCounts(route: "payments")?["payments-green"] == 0)
        #expect(truth.targetCounts(route: "checkout") == nil)
    }

    @Test("the truth survives a JSON round trip unchanged")
    func jsonRoundTrip() throws {
        var scenario = TrafficScenario.shop
        scenario.lineCount = 2_000
        let truth = try LogGenerator.generate(scenario).truth
        let decoded = try JSONDecoder().decode(GroundTruth.self, from: JSONEncoder().encode(truth))
        #expect(decoded == truth)
    }
}

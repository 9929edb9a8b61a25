import Foundation
import Testing

@testable import LogSynthesis

@Suite("LatencyModel")
struct LatencyModelTests {
    @Test("generated durations land near the model's median and 99th percentile")
    func durationsFollowTheModel() throws {
        let scenario = TrafficScenario(
            mesh: "shop",
            authority: "shop.example.com",
            routes: [
                .init(
                    name: "search", prefix: "/search", paths: ["/search"], trafficWeight: 1, clientErrorRate: 0,
                    noUpstreamRate: 0,
                    targets: [
                        .init(
                            virtualNode: "search", configuredWeight: 1, actualWeight: 1, serverErrorRate: 0,
                            latency: LatencyModel(medianMilliseconds: 40, p99Milliseconds: 200))
                    ])
            ],
            tcpShare: 0,
            malformedShare: 0,
            requestsPerSecond: 1_000,
            startTime: Date(timeIntervalSince1970: 1_795_687_200),
            seed: 3,
            lineCount: 20_000
        )
        let latency = try #require(try LogGenerator.generate(scenario).truth.latency(route: "search"))
        #expect((38...42).contains(latency.p50))
        #expect((180...220).contains(latency.p99))
    }
}

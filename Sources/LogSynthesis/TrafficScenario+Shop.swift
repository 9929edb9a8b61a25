import Foundation

extension TrafficScenario {
    /// The `shop` mesh's virtual gateway, matching the routes file RouteLens ships for it:
    ///
    /// - `orders-canary` (`/orders`): `orders-v1` 80 / `orders-v2` 20, sent 80/20; the canary is slower
    ///   and fails more often.
    /// - `payments` (`/payments`): `payments-blue` 50 / `payments-green` 50, but sent 47/53,
    ///   a planted sample-ratio mismatch.
    /// - `catalog` (`/`): single target `catalog`, weight 100.
    ///
    /// Plus 1 % TCP records, 0.2 % malformed lines and a few requests on every route that reach no upstream.
    /// About 1 000 requests per second from 2026-11-26T10:00:00Z, seed 1, 100 000 lines;
    /// change ``seed`` and ``lineCount`` as needed.
    package static var shop: TrafficScenario {
        TrafficScenario(
            mesh: "shop",
            authority: "shop.example.com",
            routes: [
                Route(
                    name: "orders-canary",
                    prefix: "/orders",
                    paths: ["/orders"],
                    trafficWeight: 35,
                    clientErrorRate: 0.03,
                    noUpstreamRate: 0.002,
                    targets: [
                        Target(
                            virtualNode: "orders-v1", configuredWeight: 80, actualWeight: 80, serverErrorRate: 0.005,
                            latency: LatencyModel(medianMilliseconds: 22, p99Milliseconds: 140)
                        ),
                        Target(
                            virtualNode: "orders-v2", configuredWeight: 20, actualWeight: 20, serverErrorRate: 0.03,
                            latency: LatencyModel(medianMilliseconds: 35, p99Milliseconds: 400)
                        ),
                    ]
                ),
                Route(
                    name: "payments",
                    prefix: "/payments",
                    paths: ["/payments"],
                    trafficWeight: 30,
                    clientErrorRate: 0.02,
                    noUpstreamRate: 0.003,
                    targets: [
                        Target(
                            virtualNode: "payments-blue", configuredWeight: 50, actualWeight: 47, serverErrorRate: 0.004,
                            latency: LatencyModel(medianMilliseconds: 45, p99Milliseconds: 260)
                        ),
                        Target(
                            virtualNode: "payments-green", configuredWeight: 50, actualWeight: 53,
                            serverErrorRate: 0.004,
                            latency: LatencyModel(medianMilliseconds: 45, p99Milliseconds: 260)
                        ),
                    ]
                ),
                Route(
                    name: "catalog",
                    prefix: "/",
                    paths: ["/products", "/categories", "/search", "/cart"],
                    trafficWeight: 35,
                    clientErrorRate: 0.04,
                    noUpstreamRate: 0.001,
                    targets: [
                        Target(
                            virtualNode: "catalog", configuredWeight: 100, actualWeight: 100, serverErrorRate: 0.002,
                            latency: LatencyModel(medianMilliseconds: 12, p99Milliseconds: 90)
                        )
                    ]
                ),
            ],
            tcpShare: 0.01,
            malformedShare: 0.002,
            requestsPerSecond: 1_000,
            startTime: Date(timeIntervalSince1970: 1_795_687_200),  // 2026-11-26T10:00:00Z
            seed: 1,
            lineCount: 100_000
        )
    }
}

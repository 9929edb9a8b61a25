import Foundation

/// A validated ``TrafficScenario`` turned into the bytes and integer thresholds the generator's hot loop uses.
struct GenerationPlan: Sendable {
    struct Route: Sendable {
        let name: String
        let pathStems: [[UInt8]]
        let clientErrorsPerMillion: Int
        let noUpstreamPerMillion: Int
        let targets: [Target]
        /// Running totals of the targets' actual weights, for ``Xoshiro256StarStar/pick(cumulativeBounds:)``.
        let targetBounds: [Int]
    }

    struct Target: Sendable {
        let virtualNode: String
        /// `cds_egress_<mesh>_<virtual node>_http_8080`.
        let cluster: [UInt8]
        /// Third octet of the target's hosts, `10.1.<subnet>.10:8080` to `10.1.<subnet>.13:8080`.
        let subnet: Int
        let serverErrorsPerMillion: Int
        let latency: LatencySampler
    }

    let routes: [Route]
    /// Running totals of the routes' traffic weights.
    let routeBounds: [Int]
    let authority: [UInt8]
    /// `cds_egress_<mesh>_postgres_tcp_5432`.
    let tcpCluster: [UInt8]
    let malformedPerMillion: Int
    /// Malformed plus TCP lines per million; the rest are HTTP requests.
    let nonHTTPPerMillion: Int
    let meanGapMicroseconds: Int
    let startMicroseconds: Int
    let lineCount: Int

    init(_ scenario: TrafficScenario) throws(InvalidScenario) {
        try scenario.validate()
        var targetCount = 0
        routes = scenario.routes.map { route in
            let targets = route.targets.map { target in
                defer { targetCount += 1 }
                return Target(
                    virtualNode: target.virtualNode,
                    cluster: Array("cds_egress_\(scenario.mesh)_\(target.virtualNode)_http_8080".utf8),
                    subnet: 2 + targetCount % 200,
                    serverErrorsPerMillion: Self.perMillion(target.serverErrorRate),
                    latency: LatencySampler(target.latency)
                )
            }
            return Route(
                name: route.name,
                pathStems: route.paths.map { Array($0.utf8) },
                clientErrorsPerMillion: Self.perMillion(route.clientErrorRate),
                noUpstreamPerMillion: Self.perMillion(route.noUpstreamRate),
                targets: targets,
                targetBounds: Self.runningTotals(route.targets.map(\.actualWeight))
            )
        }
        routeBounds = Self.runningTotals(scenario.routes.map(\.trafficWeight))
        authority = Array(scenario.authority.utf8)
        tcpCluster = Array("cds_egress_\(scenario.mesh)_postgres_tcp_5432".utf8)
        malformedPerMillion = Self.perMillion(scenario.malformedShare)
        nonHTTPPerMillion = malformedPerMillion + Self.perMillion(scenario.tcpShare)
        meanGapMicroseconds = 1_000_000 / scenario.requestsPerSecond
        startMicroseconds = Int((scenario.startTime.timeIntervalSince1970 * 1_000_000).rounded())
        lineCount = scenario.lineCount
    }

    private static func perMillion(_ fraction: Double) -> Int {
        Int((fraction * 1_000_000).rounded())
    }

    private static func runningTotals(_ weights: [Int]) -> [Int] {
        var total = 0
        return weights.map { weight in
            total += weight
            return total
        }
    }
}

import Foundation
import TestSupport
import Testing

/// `fixtures/make_fixtures.py` writes each list of requests twice: in a format that logs `%UPSTREAM_CLUSTER%`, and in
/// Envoy's default format, which does not. Attributed by cluster name, by an EndpointSlice dump and by a RouteLens host
/// map, the same requests count the same per route and target.
@Suite("The same traffic by cluster name and by host map")
struct HostMapEquivalenceTests {
    /// How a log that names clusters is read.
    enum ClusterFormat: Sendable {
        case preset(String)
        /// The Envoy format string in a file of `fixtures/formats`.
        case formatStringFile(String)

        func arguments() throws -> [String] {
            switch self {
            case .preset(let name): ["--format", name]
            case .formatStringFile(let name): ["--format-string", try String(contentsOfFile: Repository.fixture("formats/\(name)"), encoding: .utf8)]
            }
        }
    }

    struct Traffic: Sendable, CustomTestStringConvertible {
        /// The name of the expected answer in `fixtures/expected`.
        let name: String
        /// The file of `fixtures/logs` that names clusters.
        let clusterLog: String
        let clusterFormat: ClusterFormat
        /// The file of `fixtures/logs` with the same requests in Envoy's default format.
        let hostLog: String
        /// Files of `fixtures/routes`: the platform's routes, and the dump of its EndpointSlices.
        let routes: String
        let endpoints: String
        /// A RouteLens route with the same route and target names, whose targets list their hosts.
        let hostMapRoute: String

        var testDescription: String { name }
    }

    static let traffic = [
        Traffic(
            name: "istio-bookinfo-reviews", clusterLog: "istio-bookinfo-reviews.log", clusterFormat: .preset("istio"),
            hostLog: "istio-bookinfo-reviews.envoy.log", routes: "istio-reviews.yaml", endpoints: "istio-bookinfo-endpoints.yaml",
            hostMapRoute: """
                # Named as RouteLens names bookinfo's unnamed reviews route, so the answers compare name for name.
                - name: virtualservice/default/reviews/http/0
                  targets:
                  - {name: reviews/v1, weight: 90, hosts: ["10.244.1.12:9080", "10.244.2.15:9080"]}
                  - {name: reviews/v2, weight: 10, hosts: ["10.244.1.13:9080"]}
                """
        ),
        Traffic(
            name: "appmesh-k8s-color", clusterLog: "appmesh-k8s-color.clusters.log", clusterFormat: .formatStringFile("appmesh-gateway.txt"),
            hostLog: "appmesh-k8s-color.log", routes: "appmesh-k8s-color.yaml", endpoints: "appmesh-k8s-color-endpoints.yaml",
            hostMapRoute: """
                - name: color-gateway-route_howto-k8s
                  matches: [{prefix: /color}]
                  targets:
                  - {name: blue_howto-k8s, weight: 80, hosts: ["10.100.34.12:8080"]}
                  - {name: green_howto-k8s, weight: 20, hosts: ["10.100.71.201:8080"]}
                """
        ),
    ]

    @Test("by cluster name, by EndpointSlice dump and by RouteLens host map, requests per route and target are the same, but for requests only a cluster names", arguments: traffic)
    func sameAnswers(_ traffic: Traffic) throws {
        let directory = try TemporaryDirectory()
        let hostMap = """
            apiVersion: routelens.io/v1
            kind: Routes
            metadata: {name: host-map}
            spec:
              routes:
              \(traffic.hostMapRoute.replacingOccurrences(of: "\n", with: "\n  "))
            """
        try hostMap.write(toFile: directory.path("host-map.yaml"), atomically: true, encoding: .utf8)
        let routes = Repository.fixture("routes/\(traffic.routes)")

        let byCluster = try requestsPerTarget(
            log: Repository.fixture("logs/\(traffic.clusterLog)"), format: try traffic.clusterFormat.arguments(), routes: [routes]
        )
        let byEndpoints = try requestsPerTarget(
            log: Repository.fixture("logs/\(traffic.hostLog)"), format: ["--format", "envoy"],
            routes: [routes, Repository.fixture("routes/\(traffic.endpoints)")]
        )
        let byHostMap = try requestsPerTarget(
            log: Repository.fixture("logs/\(traffic.hostLog)"), format: ["--format", "envoy"], routes: [directory.path("host-map.yaml")]
        )

        // Requests that reached no host are named by their cluster alone: the host maps cannot see them.
        let expected = try expectedRequestsPerTarget(traffic.name)
        #expect(byCluster == (try addingRequestsNamedOnlyByCluster(expected, log: Repository.fixture("logs/\(traffic.clusterLog)"))))
        #expect(byEndpoints == expected)
        #expect(byHostMap == expected)
    }

    @Test("without a host map, the log that names no cluster counts its requests for no target", arguments: traffic)
    func noHostMap(_ traffic: Traffic) throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("routelens.sqlite")
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--routes", Repository.fixture("routes/\(traffic.routes)"), "--format", "envoy",
            Repository.fixture("logs/\(traffic.hostLog)"),
        ])
        try #require(ingest.status == 0, "\(ingest.standardError)")

        let errors = try RouteLensTool.run(["query", "errors", "--db", database, "--by-target", "--output", "json"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(errors.standardOutput.utf8)) as? [String: Any])
        let rows = try #require(answer["routes"] as? [[String: Any]])
        let expected = try expectedRequestsPerTarget(traffic.name)

        for (route, targets) in expected {
            let routeRows = rows.filter { $0["route"] as? String == route }
            #expect(routeRows.map { $0["target"] as? String } == ["(no target)"], "\(route)")
            // Every request of the route, the ones that reached an upstream included (the rest never had a target).
            #expect((routeRows.first?["requests"] as? Int ?? 0) >= targets.values.reduce(0, +), "\(route)")
        }
    }
}

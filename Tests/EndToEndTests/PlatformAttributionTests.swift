import Foundation
import TestSupport
import Testing

/// Each platform's fixture: its own route configuration in the shape of the project's example, a `kubectl` dump of the
/// Services behind it, and a log in the format the platform writes.
@Suite("Attribution of each platform's fixture log")
struct PlatformAttributionTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        /// The name of the expected answer in `fixtures/expected`.
        let expected: String
        /// A file of `fixtures/logs`.
        let log: String
        let format: [String]
        /// Files of `fixtures/routes`: the routes, then the endpoint dump.
        let routes: [String]

        var testDescription: String { expected }
    }

    static let fixtures = [
        // Istio's default text format names the subset's outbound cluster.
        Fixture(expected: "istio-bookinfo-reviews", log: "istio-bookinfo-reviews.log", format: ["--format", "istio"],
                routes: ["istio-reviews.yaml", "istio-bookinfo-endpoints.yaml"]),
        // Envoy Gateway's cluster names the rule; the pod address names the backend.
        Fixture(expected: "envoy-gateway-foo", log: "envoy-gateway-foo.log", format: ["--format", "json"],
                routes: ["gateway-api-httproute.yaml", "gateway-api-foo-endpointslices.json"]),
        // App Mesh's default format names no cluster; the Service's cluster IP names the virtual node.
        Fixture(expected: "appmesh-k8s-color", log: "appmesh-k8s-color.log", format: ["--format", "envoy"],
                routes: ["appmesh-k8s-color.yaml", "appmesh-k8s-color-endpoints.yaml"]),
    ]

    @Test("the log, read with the platform's routes and endpoint dump, gives the generator's requests per route and target", arguments: fixtures)
    func attribution(_ fixture: Fixture) throws {
        let requests = try requestsPerTarget(
            log: Repository.fixture("logs/\(fixture.log)"), format: fixture.format, routes: fixture.routes.map { Repository.fixture("routes/\($0)") }
        )

        // A log that names clusters also names the target of requests that reached no host.
        let log = Repository.fixture("logs/\(fixture.log)")
        #expect(requests == (try addingRequestsNamedOnlyByCluster(expectedRequestsPerTarget(fixture.expected), log: log)))
    }
}

import ClickHouse
import ClickHouseLocalServer
import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// `serve --clickhouse`: the JSON API answering for the fleet from ClickHouse.
@Suite(.serialized)
struct FleetServeTests {
    let server: ClickHouseServer

    init() throws {
        server = try ClickHouseServer.shared.get()
    }

    @Test(arguments: ["/api/v1/errors?by=target", "/api/v1/latency", "/api/v1/split"])
    func theFleetsAnswerIsTheBytesServeGivesOverBothLogsInOneDatabase(_ uri: String) async throws {
        let directory = try TemporaryDirectory()
        let client = try await FleetFixture.createdClient()
        _ = try await FleetFixture.shippedNodes(
            [("a", FleetFixture.log(count: 3000, from: FleetFixture.day, seed: 21)), ("b", FleetFixture.log(count: 2000, from: FleetFixture.day + 700, seed: 22))],
            through: client, in: directory
        )

        // The fleet server's own database is node a's (the route weights come from it); the answer from ClickHouse
        // counts node b too.
        var fleet = EndpointConfiguration(databasePath: directory.path("a.sqlite"))
        fleet.fleet = ClickHouseReporter(client: client)
        let local = EndpointConfiguration(databasePath: directory.path("both.sqlite"))
        let now = { @Sendable in FleetFixture.day + 86_400_000 }
        let expected = try await Self.body(of: uri, from: HTTPEndpointService(configuration: local, logger: Logger(label: "test"), now: now))
        let answer = try await Self.body(of: uri, from: HTTPEndpointService(configuration: fleet, logger: Logger(label: "test"), now: now))
        #expect(answer == expected)
        #expect(answer != (try await Self.body(of: uri, from: HTTPEndpointService(configuration: EndpointConfiguration(databasePath: directory.path("a.sqlite")), logger: Logger(label: "test"), now: now))))
    }

    /// Grafana's queries over the fleet: counts per interval (rollups inside, raw rows at the ragged edges), the
    /// split's shares, exact latency per interval, and the tables.
    @Test(arguments: [
        #"[{"refId":"A","target":"requests","payload":{"by":"target"}}]"#, #"[{"refId":"A","target":"error_rate"}]"#,
        #"[{"refId":"A","target":"split_share"}]"#, #"[{"refId":"A","target":"latency_p99","payload":{"route":"checkout"}}]"#, #"[{"refId":"A","target":"errors_table"}]"#,
        #"[{"refId":"A","target":"split_table"}]"#,
    ])
    func grafanasSeriesFromTheFleetAreTheBytesOfBothLogsInOneDatabase(_ targets: String) async throws {
        let (directory, client) = try await Self.sixHours.value
        var fleet = EndpointConfiguration(databasePath: directory.path("a.sqlite"))
        fleet.fleet = ClickHouseReporter(client: client)
        let local = EndpointConfiguration(databasePath: directory.path("both.sqlite"))
        // 00:00:30 to 05:50:30, more requests than a window read from raw rows: whole minutes and hours from rollups
        // inside, half minutes from raw rows at the edges.
        let body = #"{"range":{"from":"2025-11-26T00:00:30.000Z","to":"2025-11-26T05:50:30.000Z"},"intervalMs":1800000,"maxDataPoints":100,"targets":\#(targets),"adhocFilters":[],"filters":[]}"#
        func answer(_ configuration: EndpointConfiguration) async throws -> String {
            try await HTTPEndpointService(configuration: configuration, logger: Logger(label: "test")).application.test(.router) { client in
                try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
            }
        }
        let expected = try await answer(local)
        #expect(try await answer(fleet) == expected)
        #expect(expected.count > 100)
    }

    /// Six hours of node a and four of node b, shipped once for every Grafana case: node a's database (for the route
    /// weights), both logs in one database (the answer to equal), and the ClickHouse they shipped to.
    private static let sixHours = Task { () async throws -> (TemporaryDirectory, ClickHouseClient) in
        let directory = try TemporaryDirectory()
        let client = try await FleetFixture.createdClient()
        _ = try await FleetFixture.shippedNodes(
            [("a", FleetFixture.log(count: 21_600, from: FleetFixture.day, seed: 23)), ("b", FleetFixture.log(count: 14_400, from: FleetFixture.day + 900, seed: 24))],
            through: client, in: directory
        )
        return (directory, client)
    }

    @Test func aClickHouseThatIsDownIsA503NamingIt() async throws {
        var configuration = EndpointConfiguration(databasePath: "/nonexistent/routelens.sqlite")
        configuration.fleet = ClickHouseReporter(client: ClickHouseClient(endpoint: try ClickHouseEndpoint(url: "http://127.0.0.1:9")))
        let service = try HTTPEndpointService(configuration: configuration, logger: Logger(label: "test"))
        try await service.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/errors", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("ClickHouse at http://127.0.0.1:9 did not answer"))
            }
        }
    }

    private static func body(of uri: String, from service: HTTPEndpointService) async throws -> String {
        try await service.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
        }
    }
}

import AccessLog
import Foundation
import GRDB
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Ingest
import Logging
import Routing
import Storage
import TestSupport

/// The bundled App Mesh gateway log (2,986 requests from 2026-11-26T10:00:00.047Z to 10:05:05.941Z; routes
/// catalog, orders-canary 80/20, payments) ingested once into a temporary database, which every test of this
/// target reads through its own server.
enum FixtureDatabase {
    /// A minute after the log's last request: `since=10m` covers all of it.
    static let now: Int64 = 1_795_687_560_000

    static let shared: Result<(directory: TemporaryDirectory, path: String), any Error> = Result {
        let directory = try TemporaryDirectory()
        let path = directory.path("routelens.sqlite")
        let database = try RequestDatabase(path: path)
        let routesFile = Repository.fixture("routes/appmesh-gateway-routes.json")
        let routes = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routesFile)), source: routesFile)
        _ = try database.recordRouteWeights(of: routes, effectiveAt: RouteWeightVersion.beginning)
        let format = try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8)
        let options = IngestOptions(format: .fixed(try LogFormat(formatString: format)), attributor: RequestAttributor(routes: routes))
        _ = try Ingestor(database: database, options: options).ingest(path: Repository.fixture("logs/appmesh-gateway.log.gz"))
        return (directory, path)
    }

    static func path() throws -> String {
        try shared.get().path
    }

    /// A server over the fixture database (or `path`), its clock at ``now``.
    static func endpoint(
        path: String? = nil, token: String? = nil, limits: EndpointConfiguration.Limits = .init(), readyLag: Double = 60, port: Int = 9480,
        now: Int64 = FixtureDatabase.now
    ) throws -> HTTPEndpointService {
        let configuration = EndpointConfiguration(databasePath: try path ?? Self.path(), port: port, token: token, readyLagSeconds: readyLag, limits: limits)
        return try HTTPEndpointService(configuration: configuration, logger: Logger(label: "test"), now: { now })
    }

    /// The reporter over the fixture database, for the answers the endpoint must equal.
    static func reporterDatabase() throws -> RequestDatabase {
        try RequestDatabase(readingAt: try path())
    }
}

extension TestResponse {
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    /// The body as a JSON object (dictionary), or `[:]`.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}

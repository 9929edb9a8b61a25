import Foundation
import Hummingbird
import Reports
import Storage

/// The routes of `routelens serve` and what they share: the configuration, the database, the reads queue.
struct EndpointRoutes: Sendable {
    let configuration: EndpointConfiguration
    let database: EndpointDatabase
    let reads: BlockingReads
    let now: @Sendable () -> Int64
    let metrics = RequestMetrics()

    init(configuration: EndpointConfiguration, now: @escaping @Sendable () -> Int64) {
        self.configuration = configuration
        self.database = EndpointDatabase(path: configuration.databasePath)
        self.reads = BlockingReads(width: configuration.limits.concurrentReads, limitSeconds: configuration.limits.requestSeconds)
        self.now = now
    }

    var limits: EndpointConfiguration.Limits { configuration.limits }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorJSONMiddleware())
        if let token = configuration.token {
            router.add(middleware: BearerTokenMiddleware(token: token))
        }
        router.get("/healthz") { _, _ in JSONResponse.response(["status": "ok"]) }
        router.get("/readyz") { _, _ in try await readyz() }
        router.get("/openapi.yaml") { _, _ in try OpenAPIDocument.response() }
        addAPI(to: router)
        addGrafana(to: router)
        addDailyReport(to: router)
        addFlagger(to: router)
        router.get("/metrics") { _, _ in
            let metrics = self.metrics
            let text = try await read { database throws(StorageError) in try metrics.scrape(database) }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
        return router
    }

    /// Runs `body` with the open database on the reads queue, turning storage failures into 503s.
    func read<T: Sendable>(_ body: @escaping @Sendable (RequestDatabase) throws(StorageError) -> T) async throws(EndpointError) -> T {
        let database = self.database
        return try await reads.run { () throws(EndpointError) -> T in
            let opened = try database.open()
            do throws(StorageError) {
                return try body(opened)
            } catch {
                throw error.endpointError
            }
        }
    }

    private func readyz() async throws -> Response {
        let now = self.now()
        let lag = configuration.readyLagSeconds
        let readiness = try await read { database throws(StorageError) in try Readiness.check(database, now: now, allowedLagSeconds: lag) }
        var response = JSONResponse.response(readiness)
        if !readiness.ready { response.status = .serviceUnavailable }
        return response
    }

    /// Refuses answers with more rows than the limit.
    func checkRows(_ count: Int) throws(EndpointError) {
        guard count <= limits.rows else {
            throw .badRequest(
                "the answer has \(count) rows, more than the \(limits.rows) served",
                hint: "ask for one route, group by fewer columns (by), or narrow the window"
            )
        }
    }
}

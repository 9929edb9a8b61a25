import AsyncHTTPClient
import Foundation
package import NIOCore
import NIOHTTP1
import NIOSSL

/// ClickHouse's HTTP interface: statements, inserts of JSONEachRow or RowBinary bodies and JSONEachRow answers.
///
/// Requests go through one AsyncHTTPClient client per process, whose connection pool keeps connections alive between
/// batches (and does TLS for https URLs). Credentials travel as HTTP basic authentication, which every ClickHouse
/// version takes, never in the URL, so a proxy's or ClickHouse's query log does not record them.
package struct ClickHouseClient: Sendable, Equatable {
    package let endpoint: ClickHouseEndpoint
    /// How long one request may take, connecting included.
    package var timeout: TimeAmount = .seconds(300)

    package init(endpoint: ClickHouseEndpoint) {
        self.endpoint = endpoint
    }

    /// One client for the process, never shut down (a static lives as long as the process, so AsyncHTTPClient's
    /// shutdown check never runs), so that every ClickHouse call shares its keep-alive connections. Not
    /// `HTTPClient.shared`: that one retries a refused connection until the request's deadline, which would make a
    /// ClickHouse that is down look like a slow one for minutes; here a refused connection fails at once and the
    /// shipper's own back-off decides when to try again.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Runs one statement (DDL) and returns the answer's text.
    @discardableResult
    package func execute(_ sql: String) async throws(ClickHouseError) -> String {
        let bytes = try await send(query: nil, body: Array(sql.utf8), describing: sql)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Inserts `body` (JSON objects, one a line) into `table`'s `columns`.
    package func insert(into table: String, columns: [String], jsonEachRow body: [UInt8]) async throws(ClickHouseError) {
        let statement = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) FORMAT JSONEachRow"
        _ = try await send(query: statement, body: body, describing: statement)
    }

    /// Inserts `body` (``RowBinaryWriter``'s format: each row's values in `columns`' order) into `table`'s
    /// `columns`. The statement travels in the URL and the body is nothing but the rows, so no separator precedes
    /// them.
    package func insert(into table: String, columns: [String], rowBinary body: [UInt8]) async throws(ClickHouseError) {
        let statement = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) FORMAT RowBinary"
        _ = try await send(query: statement, body: body, describing: statement)
    }

    /// Runs a `… FORMAT JSONEachRow` query and returns its rows.
    package func rows(_ sql: String) async throws(ClickHouseError) -> [ClickHouseRow] {
        let bytes = try await send(query: nil, body: Array(sql.utf8), describing: sql)
        var rows: [ClickHouseRow] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw .badAnswer("not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            rows.append(ClickHouseRow(object))
        }
        return rows
    }

    /// The server's version, `18.16.1`.
    package func serverVersion() async throws(ClickHouseError) -> String {
        guard let version = try await rows("SELECT version() AS version FORMAT JSONEachRow").first?.string("version") else {
            throw .badAnswer("no version")
        }
        return version
    }

    /// POSTs `body`; with `query`, the statement goes in the URL and the body is its data.
    private func send(query: String?, body: [UInt8], describing statement: String) async throws(ClickHouseError) -> [UInt8] {
        var components = URLComponents(string: endpoint.url + "/")
        // 64-bit integers as JSON numbers (18.16 quotes them by default).
        components?.queryItems = [URLQueryItem(name: "output_format_json_quote_64bit_integers", value: "0")]
            // Through a Distributed table, an insert is acknowledged only once every shard stored its rows: the
            // watermark then records what the shards hold, not what waits in the receiving server's queue.
            + (endpoint.cluster == nil ? [] : [URLQueryItem(name: "insert_distributed_sync", value: "1")])
            + (query.map { [URLQueryItem(name: "query", value: $0)] } ?? [])
        guard let url = components?.url?.absoluteString else { throw .badURL(endpoint.url, reason: "not a URL") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let credentials = Data("\(endpoint.user):\(endpoint.password ?? "")".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Length", value: String(body.count))
        request.body = .bytes(ByteBuffer(bytes: body))
        if let caFile = endpoint.caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try ClickHouseEndpoint.certificates(caFile))
            request.tlsConfiguration = tls
        }
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await Self.http.execute(request, timeout: timeout)
            answer = try await response.body.collect(upTo: 1 << 30)
        } catch let error as HTTPClientError {
            throw .serverDown(url: endpoint.url, reason: Self.reason(error))
        } catch let error as NIOSSLError {
            let text = String(describing: error)
            throw .tlsFailed(url: endpoint.url, reason: text.contains("CERTIFICATE_VERIFY_FAILED") ? "its certificate is not signed by a trusted CA" : String(text.prefix(200)))
        } catch {
            throw .serverDown(url: endpoint.url, reason: String(describing: type(of: error)) + ": " + String(describing: error).prefix(200))
        }
        let bytes = Array(answer.readableBytesView)
        guard response.status == .ok else {
            throw Self.error(status: response.status, answer: String(decoding: bytes, as: UTF8.self), user: endpoint.user, statement: statement)
        }
        return bytes
    }

    /// ClickHouse's `Code: N, e.displayText() = DB::Exception: …` as a typed error.
    static func error(status: HTTPResponseStatus, answer: String, user: String, statement: String) -> ClickHouseError {
        let text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        var code = 0
        if let range = text.range(of: "Code: ") {
            code = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
        }
        let message = text.range(of: "DB::Exception: ").map { String(text[$0.upperBound...]) } ?? text
        let trimmed = String((message.components(separatedBy: ", e.what()").first ?? message).prefix(500))
        // UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, AUTHENTICATION_FAILED; IP_ADDRESS_NOT_ALLOWED.
        if [192, 193, 194, 195, 516].contains(code) || status == .unauthorized || status == .forbidden {
            return .authenticationFailed(user: user, code: code, message: trimmed)
        }
        if status == .serviceUnavailable || status == .badGateway || status == .gatewayTimeout {
            return .serverDown(url: "", reason: "HTTP \(status.code)")
        }
        return .sql(code: code, message: trimmed, query: statement)
    }

    private static func reason(_ error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "connect timed out"
        case .readTimeout, .deadlineExceeded: "timed out"
        case .remoteConnectionClosed: "connection closed"
        default: String(describing: error)
        }
    }
}

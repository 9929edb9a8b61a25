import Foundation
import TestSupport
import Testing

/// `ingest --openapi` groups raw paths into OpenAPI operations; `--by-operation` reports per operation.
@Suite("Reports by OpenAPI operation")
struct OperationReportTests {
    private static let spec = """
        openapi: 3.0.3
        info: {title: Orders, version: "1"}
        paths:
          /orders/{id}:
            get: {responses: {"200": {description: ok}}}
            delete: {responses: {"204": {description: gone}}}
          /orders/mine:
            get: {responses: {"200": {description: ok}}}
        """

    private static func line(_ second: Int, _ method: String, _ path: String, status: Int = 200, duration: Int) -> String {
        #"[2026-11-26T10:00:\#(String(format: "%02d", second)).000Z] "\#(method) \#(path) HTTP/1.1" \#(status) - 0 10 \#(duration) - "-" "curl/8" "r\#(second)" "shop.example.com" "10.0.0.2:80""#
    }

    private func answer(_ query: String, openapi: Bool = true) throws -> [[String: Any]] {
        let directory = try TemporaryDirectory()
        let lines = [
            Self.line(0, "GET", "/orders/1", duration: 10), Self.line(1, "GET", "/orders/2?expand=items", status: 503, duration: 30),
            Self.line(2, "DELETE", "/orders/3", duration: 5), Self.line(3, "GET", "/orders/mine", duration: 7),
            Self.line(4, "GET", "/health", duration: 1),
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        try Self.spec.write(toFile: directory.path("orders.yaml"), atomically: true, encoding: .utf8)
        let ingest = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--format", "envoy"]
            + (openapi ? ["--openapi", directory.path("orders.yaml")] : []) + [directory.path("access.log")])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let result = try RouteLensTool.run(["query", query, "--db", directory.path("db.sqlite"), "--by-operation", "--output", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        return json["routes"] as? [[String: Any]] ?? []
    }

    @Test("Errors per operation; paths no operation matches fall back to (no operation)")
    func errorsByOperation() throws {
        let rows = try answer("errors")

        #expect(rows.map { $0["operation"] as? String } == ["(no operation)", "DELETE /orders/{id}", "GET /orders/mine", "GET /orders/{id}"])
        #expect(rows.map { $0["requests"] as? Int } == [1, 1, 1, 2])
        #expect(rows.map { $0["errors_5xx"] as? Int } == [0, 0, 0, 1])
    }

    @Test("Latency percentiles per operation")
    func latencyByOperation() throws {
        let rows = try answer("latency")

        let orders = try #require(rows.first { $0["operation"] as? String == "GET /orders/{id}" })
        #expect(orders["requests"] as? Int == 2)
        #expect(orders["p50_ms"] as? Int == 10)
        #expect(orders["max_ms"] as? Int == 30)
    }

    @Test("Without --openapi at ingest every request is (no operation)")
    func withoutSpec() throws {
        let rows = try answer("errors", openapi: false)

        #expect(rows.map { $0["operation"] as? String } == ["(no operation)"])
        #expect(rows.map { $0["requests"] as? Int } == [5])
    }
}

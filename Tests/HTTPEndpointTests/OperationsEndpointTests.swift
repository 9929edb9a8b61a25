import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Testing

/// /metrics, /flagger/gate and /openapi.yaml.
@Suite("Metrics, rollout gate, OpenAPI document")
struct OperationsEndpointTests {
    @Test("/metrics counts the fixture's requests by route, target and status class, and ingest's lines")
    func metrics() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let lines = Set(response.text.split(separator: "\n").map(String.init))
                #expect(lines.contains(#"routelens_requests_total{route="orders-canary",target="orders-v2",status_class="5xx"} 12"#))
                #expect(lines.contains(#"routelens_request_duration_seconds_count{route="orders-canary",target="orders-v1"} 1044"#))
                #expect(lines.contains("routelens_lines_read_total 3000"))
                #expect(lines.contains("routelens_lines_rejected_total 14"))
                #expect(!response.text.contains("path="))
            }
            // A second scrape adds nothing: no row is counted twice.
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains(#"routelens_requests_total{route="orders-canary",target="orders-v2",status_class="5xx"} 12"#))
            }
        }
    }

    @Test("/flagger/gate lets a canary whose split matches proceed, with the test's numbers")
    func gateProceeds() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            let body = #"{"name":"orders","namespace":"shop","phase":"Progressing","checksum":"85d557f47b","metadata":{"route":"orders-canary"}}"#
            try await client.execute(uri: "/flagger/gate", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.object["canary"] as? String == "shop/orders")
                #expect(response.object["verdict"] as? String == "ok")
                #expect(response.object["requests"] as? Int == 1312)
            }
        }
    }

    @Test("/flagger/gate halts with 412 and the reason when the split mismatches")
    func gateHalts() async throws {
        // alpha 0.9 and no tolerance turn orders-canary's p = 0.70 into a mismatch.
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            let body = #"{"name":"orders","metadata":{"route":"orders-canary","alpha":"0.9","tolerance_pp":"0"}}"#
            try await client.execute(uri: "/flagger/gate", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .preconditionFailed)
                #expect((response.object["error"] as? String)?.hasPrefix("route orders-canary does not split as configured: p = 0.699") == true)
            }
            let noRoute = #"{"name":"orders","metadata":{}}"#
            try await client.execute(uri: "/flagger/gate", method: .post, body: ByteBuffer(string: noRoute)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("/openapi.yaml describes every path the server answers")
    func openAPIDocument() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            let document = try await client.execute(uri: "/openapi.yaml", method: .get).text
            let paths = document.split(separator: "\n").filter { $0.hasPrefix("  /") }.map { String($0.dropFirst(2).dropLast()) }
            #expect(paths.count == 18)
            for path in paths {
                let isPost = document.range(of: "  \(path):\n    post:") != nil
                let response = try await client.execute(uri: path, method: isPost ? .post : .get, body: isPost ? ByteBuffer(string: "{}") : nil)
                #expect(response.status != .notFound, "\(path)")
                #expect(response.status != .methodNotAllowed, "\(path)")
                #expect(response.status.code < 500, "\(path)")
            }
        }
    }
}

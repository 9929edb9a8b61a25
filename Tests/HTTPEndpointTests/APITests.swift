import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Reports
import Storage
import TestSupport
import Testing

/// `GET /api/v1/*` answers exactly what `routelens query … --output json` prints for the same question.
@Suite("JSON API")
struct APITests {
    @Test("/healthz answers ok without touching the database")
    func healthz() async throws {
        let endpoint = try FixtureDatabase.endpoint(path: "/nonexistent/routelens.sqlite")
        try await endpoint.application.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == #"{"status":"ok"}"#)
            }
        }
    }

    @Test("/readyz is 503 while the database does not exist, 200 with the number of tracked files once it does")
    func readyz() async throws {
        let missing = try FixtureDatabase.endpoint(path: "/nonexistent/routelens.sqlite")
        try await missing.application.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect((response.object["error"] as? String)?.contains("/nonexistent/routelens.sqlite") == true)
            }
        }
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["ready"] as? Bool == true)
                #expect(response.object["files"] as? Int == 1)
            }
        }
    }

    @Test("errors, latency and split are the CLI's JSON byte for byte", arguments: ["errors", "latency", "split"])
    func sameBytesAsCLI(_ name: String) async throws {
        let reporter = Reporter(database: try FixtureDatabase.reporterDatabase())
        let expected: Data =
            switch name {
            case "errors": JSONResponse.encode(try reporter.errors(ReportScope()))
            case "latency": JSONResponse.encode(try reporter.latency(ReportScope()))
            default: JSONResponse.encode(try reporter.split(ReportScope()))
            }
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/\(name)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.text == String(decoding: expected, as: UTF8.self))
            }
        }
    }

    @Test("The bytes equal what the built routelens query prints for the same question")
    func sameBytesAsBuiltCLI() async throws {
        let process = Process()
        process.executableURL = Repository.routelens
        process.arguments = ["query", "latency", "--db", try FixtureDatabase.path(), "--route", "orders-canary", "--by-target", "--output", "json"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/latency?route=orders-canary&by=target", method: .get) { response in
                #expect(response.text + "\n" == String(decoding: printed, as: UTF8.self))
                #expect(response.text.contains(#""route":"orders-canary","target":"orders-v2""#))
            }
        }
    }

    @Test("errors by target over a window in unix milliseconds answers the fixture's counts")
    func errorsByTargetInWindow() async throws {
        // 10:00:00Z to 10:06:00Z: the whole log.
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/errors?from=1795687200000&to=1795687560000&route=orders-canary&by=target", method: .get) { response in
                #expect(response.status == .ok)
                let routes = response.object["routes"] as? [[String: Any]] ?? []
                #expect(routes.map { $0["target"] as? String } == ["(no target)", "orders-v1", "orders-v2"])
                #expect(routes.map { $0["requests"] as? Int } == [16, 1044, 268])
                #expect(routes.map { $0["errors_5xx"] as? Int } == [16, 18, 12])
                #expect(routes.map { $0["errors_4xx"] as? Int } == [0, 48, 17])
            }
        }
    }

    @Test("since counts back from the server's clock; RFC 3339 and milliseconds name the same window")
    func sinceAndRFC3339() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            let recent = try await client.execute(uri: "/api/v1/errors?since=10m", method: .get)
            let rfc = try await client.execute(uri: "/api/v1/errors?from=2026-11-26T09:56:00Z", method: .get)
            #expect(recent.text == rfc.text)
            #expect((recent.object["routes"] as? [[String: Any]])?.count == 3)
            // The log ends at 10:05:05.941: the last 30 s before 10:06 hold no request.
            let lastSeconds = try await client.execute(uri: "/api/v1/errors?since=30s", method: .get)
            #expect((lastSeconds.object["routes"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test("split carries verdict and p_value where an Argo AnalysisTemplate reads them")
    func splitGate() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/split?route=orders-canary&since=10m", method: .get) { response in
                #expect(response.status == .ok)
                let route = (response.object["routes"] as? [[String: Any]])?.first
                #expect(route?["verdict"] as? String == "ok")
                #expect(abs((route?["p_value"] as? Double ?? 0) - 0.6991187453207564) < 1e-12)
            }
        }
    }

    @Test("routes lists every route with its targets and the weights in force")
    func routes() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/routes", method: .get) { response in
                #expect(response.status == .ok)
                let routes = response.object["routes"] as? [[String: Any]] ?? []
                #expect(routes.compactMap { $0["route"] as? String }.contains("orders-canary"))
                let canary = routes.first { $0["route"] as? String == "orders-canary" }
                let targets = canary?["targets"] as? [[String: Any]] ?? []
                let weights = Dictionary(uniqueKeysWithValues: targets.compactMap { t in (t["target"] as? String).map { ($0, t["weight"] as? Int) } })
                #expect(weights["orders-v1"] == 80)
                #expect(weights["orders-v2"] == 20)
            }
        }
    }
}

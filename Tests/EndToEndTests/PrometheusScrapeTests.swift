import Foundation
import TestSupport
import Testing

/// A real Prometheus server (Debian's `prometheus`) scrapes `routelens serve`'s `/metrics` on loopback; PromQL over
/// what it stored agrees with `routelens query errors` on the same database.
@Suite("Prometheus scraping routelens serve", .serialized, .timeLimit(.minutes(2)))
struct PrometheusScrapeTests {
    static var prometheus: String? {
        ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func freePort() throws -> Int {
        let result = try RouteLensToolShell.output("python3 -c 'import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])'")
        return try #require(Int(result.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(
        "PromQL sums of routelens_requests_total by route equal query errors' requests and 5xx",
        .enabled(if: prometheus != nil, "needs Debian's prometheus (.ci/run installs it)")
    )
    func promQLAgreesWithQueryErrors() async throws {
        let fixture = try IngestedFixture()
        let (directory, database) = (fixture.directory, fixture.database)
        let errors = try #require(try JSONSerialization.jsonObject(with: Data(RouteLensTool.run(["query", "errors", "--db", database, "--output", "json"]).standardOutput.utf8)) as? [String: Any])
        let expected = try #require(errors["routes"] as? [[String: Any]])

        let (servePort, prometheusPort) = (try Self.freePort(), try Self.freePort())
        let serve = Process()
        serve.executableURL = Repository.routelens
        serve.arguments = ["serve", "--db", database, "--listen", "127.0.0.1:\(servePort)"]
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        defer { serve.terminate(); serve.waitUntilExit() }
        try """
            global: {scrape_interval: 1s}
            scrape_configs:
              - job_name: routelens
                static_configs: [{targets: ["127.0.0.1:\(servePort)"]}]
            """.write(toFile: directory.path("prometheus.yml"), atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try #require(Self.prometheus))
        server.arguments = [
            "--config.file=\(directory.path("prometheus.yml"))", "--storage.tsdb.path=\(directory.path("tsdb"))",
            "--web.listen-address=127.0.0.1:\(prometheusPort)",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }

        let query = #"sum by (route, status_class) (routelens_requests_total)"#
        var samples: [(route: String, statusClass: String, value: Int)] = []
        for _ in 0..<60 {
            try await Task.sleep(for: .milliseconds(500))
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
            guard let body = try? RouteLensToolShell.output("curl -sf 'http://127.0.0.1:\(prometheusPort)/api/v1/query?query=\(encoded)'"),
                let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                let result = (json["data"] as? [String: Any])?["result"] as? [[String: Any]], !result.isEmpty
            else { continue }
            samples = result.compactMap { sample in
                guard let metric = sample["metric"] as? [String: String], let value = sample["value"] as? [Any], let text = value.last as? String,
                    let number = Double(text)
                else { return nil }
                return (metric["route"] ?? "", metric["status_class"] ?? "", Int(number))
            }
            break
        }
        try #require(!samples.isEmpty, "Prometheus scraped nothing from routelens serve")
        for route in expected {
            let name = try #require(route["route"] as? String)
            let requests = samples.filter { $0.route == name }.reduce(0) { $0 + $1.value }
            let errors5xx = samples.filter { $0.route == name && $0.statusClass == "5xx" }.reduce(0) { $0 + $1.value }
            #expect(requests == route["requests"] as? Int, "\(name)")
            #expect(errors5xx == route["errors_5xx"] as? Int, "\(name)")
        }
    }
}

/// A shell command's standard output.
enum RouteLensToolShell {
    static func output(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}

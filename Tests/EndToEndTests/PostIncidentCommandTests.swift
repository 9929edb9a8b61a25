import Foundation
import TestSupport
import Testing

/// The post-incident commands as a user runs them on the bundled App Mesh log: each answers in every form it
/// offers, with the keys the issue gives.
@Suite("Post-incident commands from the command line", .serialized)
struct PostIncidentCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("routelens.sqlite")
        let format = try String(contentsOfFile: Repository.fixture("formats/appmesh-gateway.txt"), encoding: .utf8)
        let ingest = try RouteLensTool.run([
            "ingest", "--db", database, "--routes", Repository.fixture("routes/appmesh-gateway-routes.json"), "--format-string", format,
            Repository.fixture("logs/appmesh-gateway.log.gz"),
        ])
        #expect(ingest.status == 0, "\(ingest.standardError)")
    }

    func run(_ arguments: [String]) throws -> String {
        let result = try RouteLensTool.run(arguments + ["--db", database])
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput
    }

    @Test("incident --output json has per route onset, recovery, minutes and request ids, times in RFC 3339")
    func incidentJSON() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run(["incident", "--output", "json"]).utf8)) as? [String: Any])
        let routes = try #require(json["routes"] as? [[String: Any]])
        #expect(routes.count == 3)
        for route in routes {
            #expect(Set(route.keys).isSuperset(of: ["route", "onset", "recovery", "minutes", "request_ids"]))
            #expect(route["onset"] is NSNull)
            let minute = try #require((route["minutes"] as? [[String: Any]])?.first)
            #expect(Set(minute.keys).isSuperset(of: ["minute", "requests", "errors_5xx", "error_rate", "p50_ms", "p99_ms", "flags", "failing_hosts"]))
            #expect((minute["minute"] as? String)?.hasSuffix(":00.000Z") == true)
        }
    }

    @Test("incident on a database with no requests says so and exits 1, instead of an empty table for 1970")
    func incidentWithoutRequests() throws {
        let empty = directory.path("weights-only.sqlite")
        let routes = Repository.root.appendingPathComponent("fixtures/routes").path
        #expect(try RouteLensTool.run(["routes", "import", routes, "--db", empty]).status == 0)
        let result = try RouteLensTool.run(["incident", "--db", empty])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no requests in \(empty) yet"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("requests --output ndjson lists the newest first with RFC 3339 start times")
    func requestsNDJSON() throws {
        let lines = try run(["requests", "--status", "503", "--limit", "5", "--output", "ndjson"]).split(separator: "\n")
        #expect(lines.count == 5)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.allSatisfy { $0["status"] as? Int == 503 })
        let times = objects.compactMap { $0["start_time"] as? String }
        #expect(times.count == 5 && times == times.sorted(by: >) && times.allSatisfy { $0.hasPrefix("2026-11-26T") })
    }

    @Test("query errors --by flag, query ratelimit and query routes answer in CSV with their columns")
    func otherCSV() throws {
        #expect(try run(["query", "errors", "--by", "flag", "--output", "csv"]).hasPrefix(
            "route,flag,meaning,requests,errors_5xx,errors_5xx_local,errors_5xx_upstream,errors_4xx,method,resolution\n"))
        #expect(try run(["query", "errors", "--by", "flag", "--output", "csv"]).contains(",UF,upstream connection failure,"))
        #expect(try run(["query", "ratelimit", "--output", "csv"]).hasPrefix("route,requests,throttled,client,client_throttled,client_requests"))
        let routes = try run(["query", "routes", "--output", "csv"])
        #expect(routes.hasPrefix("route,target,requests,health_checks,tcp_records,first_minute,last_minute\n"))
        #expect(routes.contains("payments,payments-blue,"))
    }

    @Test("A query says its method: exact over this small log, histogram with rollups on request, in JSON and the table caption")
    func methodStated() throws {
        #expect(try run(["query", "latency", "--output", "json"]).contains(#""method":"exact","resolution":"raw""#))
        #expect(try run(["query", "errors"]).contains("method exact: raw rows"))
        #expect(try run(["query", "latency", "--output", "csv"]).split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",exact,raw") })
    }
}

import Foundation
import GRDB
import TestSupport
import Testing

/// Bad input never crashes and never loses the good lines around it.
@Suite("Bad input")
struct BadInputTests {
    let envoyLines = [
        #"[2026-11-26T10:00:00.000Z] "GET /a HTTP/1.1" 200 - 0 10 5 4 "-" "curl/8" "r1" "shop" "10.0.0.1:80""#,
        #"[2026-11-26T10:00:01.000Z] "GET /b HTTP/1.1" 503 UF 0 10 7 - "-" "curl/8" "r2" "shop" "10.0.0.2:80""#,
    ]

    @Test("A missing file is a one-line error naming the file; the other files are still read")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        try (envoyLines.joined(separator: "\n") + "\n").write(toFile: directory.path("good.log"), atomically: true, encoding: .utf8)
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), directory.path("missing.log"), directory.path("good.log")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: \(directory.path("missing.log")): cannot open: No such file or directory"))
        #expect(result.standardError.contains("good.log: 2 records, 0 rejected, 2 lines"))
    }

    @Test("A corrupt gzip member is reported with its offset, and the lines before it are kept")
    func corruptGzipMember() throws {
        let directory = try TemporaryDirectory()
        try (envoyLines[0] + "\n").write(toFile: directory.path("one"), atomically: true, encoding: .utf8)
        try String(repeating: envoyLines[1] + "\n", count: 500).write(toFile: directory.path("two"), atomically: true, encoding: .utf8)
        try shell("gzip -c one > access.log.gz && gzip -c two >> access.log.gz", in: directory.url)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path("access.log.gz"))))
        let secondMember = (2..<bytes.count).first { bytes[$0] == 0x1F && bytes[$0 + 1] == 0x8B }!
        for index in (secondMember + 12)..<(secondMember + 30) { bytes[index] ^= 0xFF }
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path("access.log.gz")))

        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--format", "envoy", directory.path("access.log.gz")])
        #expect(result.standardError.contains("access.log.gz: 1 records, 0 rejected, 1 lines"))
        #expect(result.standardError.contains("warning: corrupt gzip member #2 (index 1) at compressed byte"))
    }

    @Test("A bad format string is refused with its position before anything is ingested")
    func badFormatString() throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--format-string", "%RESPONSE_CODE% %DURATION", "/dev/null"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--format-string: format string, character 17: command operator %DURATION is not closed by '%'"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("db.sqlite")))
    }

    @Test("A bad routes file names the file and the JSON path of the problem")
    func badRoutesFile() throws {
        let directory = try TemporaryDirectory()
        let routes = directory.path("routes.json")
        try #"[{"meshName":"m","gatewayRouteName":"r","gatewayRouteSpec":{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"a","weight":"eighty"}]}}}}]"#
            .write(toFile: routes, atomically: true, encoding: .utf8)
        let result = try RouteLensTool.run(["routes", "check", routes])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(routes): $[0].gatewayRouteSpec.httpRoute.action.weightedTargets[0].weight"))
    }

    @Test("A bad YAML routes file in a directory names the file, the document and the path of the problem")
    func badYAMLRoutesFile() throws {
        let directory = try TemporaryDirectory()
        try "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: ok}\nspec: {rules: [{backendRefs: [{name: a}]}]}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: bad}\nspec: {rules: [{backendRefs: [{name: a, weight: eighty}]}]}\n"
            .write(toFile: directory.path("routes.yml"), atomically: true, encoding: .utf8)
        let result = try RouteLensTool.run(["routes", "check", directory.url.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("routes.yml: document 2: spec.rules[0].backendRefs[0].weight"))
    }

    @Test("A file no preset recognises is refused with what to do")
    func unknownFormat() throws {
        let directory = try TemporaryDirectory()
        try "hello\nworld\n".write(toFile: directory.path("notes.txt"), atomically: true, encoding: .utf8)
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), directory.path("notes.txt")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no preset (envoy, istio, istio-1.8, istio-1.3, json) parses any of its first 2 lines; name the format with --format"))
    }

    @Test("Invalid UTF-8 and an empty line do not stop the lines around them")
    func invalidBytes() throws {
        let directory = try TemporaryDirectory()
        var content = Data((envoyLines[0] + "\n\n").utf8)
        content.append(contentsOf: [0xFF, 0xFE, 0x0A])
        content.append(Data((envoyLines[1] + "\n").utf8))
        try content.write(to: URL(fileURLWithPath: directory.path("mixed.log")))
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), "--format", "envoy", directory.path("mixed.log")])
        #expect(result.standardError.contains("mixed.log: 2 records, 1 rejected, 1 blank, 4 lines"))
    }

    @Test("A rejected line with NUL bytes is stored byte for byte, and its reason whole")
    func nulBytesKept() throws {
        let directory = try TemporaryDirectory()
        var content = Data((envoyLines[0] + "\n").utf8)
        let hostile = Array("[2026-11-26T10:00:02.000Z] \"GET /c HTTP/1.1\" 2".utf8) + [0, 0x30, 0] + Array("0 - 0 10 5 4 \"-\" \"curl/8\" \"r3\" \"shop\" \"-\"".utf8)
        content.append(contentsOf: hostile + [0x0A])
        try content.write(to: URL(fileURLWithPath: directory.path("nul.log")))
        let database = directory.path("db.sqlite")
        let result = try RouteLensTool.run(["ingest", "--db", database, "--format", "envoy", directory.path("nul.log")])
        #expect(result.standardError.contains("nul.log: 1 records, 1 rejected, 2 lines"))
        let stored = try DatabaseQueue(path: database).read { db in
            try Row.fetchOne(db, sql: "SELECT length(CAST(text AS BLOB)) AS bytes, reason FROM rejected_line")
        }
        #expect(stored?["bytes"] as Int? == hostile.count)
        let reason: String = try #require(stored?["reason"])
        #expect(reason.count > 20 && !reason.contains("\u{0}"), "\(reason)")
    }

    @Test("A gzip member damaged mid-way names the lines that came from it and says the ones before are intact; status keeps it")
    func damagedMemberLineRange() throws {
        let directory = try TemporaryDirectory()
        let lines = (0..<2000).map { index in
            "[2026-11-26T10:00:\(String(format: "%02d", index % 60)).000Z] \"GET /items/\(index) HTTP/1.1\" 200 - 0 \(index) 5 4 \"-\" \"curl/8\" \"r\(index)\" \"shop\" \"10.0.0.\(index % 200):80\""
        }
        try (lines[..<500].joined(separator: "\n") + "\n").write(toFile: directory.path("one"), atomically: true, encoding: .utf8)
        try (lines[500...].joined(separator: "\n") + "\n").write(toFile: directory.path("two"), atomically: true, encoding: .utf8)
        try shell("gzip -c one > access.log.gz && gzip -c two >> access.log.gz", in: directory.url)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path("access.log.gz"))))
        let secondMember = try #require((2..<bytes.count).first { bytes[$0] == 0x1F && bytes[$0 + 1] == 0x8B && bytes[$0 + 2] == 8 })
        bytes[secondMember + (bytes.count - secondMember) / 2] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path("access.log.gz")))

        let database = directory.path("db.sqlite")
        let result = try RouteLensTool.run(["ingest", "--db", database, "--format", "envoy", directory.path("access.log.gz")])
        #expect(result.standardError.contains("corrupt gzip member #2"), "\(result.standardError)")
        #expect(result.standardError.contains("lines 501 and after came from that member"))
        #expect(result.standardError.contains("lines 1 to 500 are intact"))
        let status = try RouteLensTool.run(["status", "--db", database, "--output", "json"])
        #expect(status.standardOutput.contains("lines 501 and after came from that member"))
    }
}

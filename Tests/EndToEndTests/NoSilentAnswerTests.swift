import Foundation
import TestSupport
import Testing

/// A question RouteLens cannot answer as asked says why, instead of answering with an empty report.
@Suite("No silent empty answer")
struct NoSilentAnswerTests {
    let envoyLines = [
        #"[2026-11-26T10:00:00.000Z] "GET /a HTTP/1.1" 200 - 0 10 5 4 "-" "curl/8" "r1" "shop" "10.0.0.1:80""#,
        #"[2026-11-26T10:00:01.000Z] "GET /b HTTP/1.1" 503 UF 0 10 7 - "-" "curl/8" "r2" "shop" "10.0.0.2:80""#,
    ]

    /// A database holding the two lines, in a directory of its own.
    private func ingested() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        try (envoyLines.joined(separator: "\n") + "\n").write(toFile: directory.path("access.log"), atomically: true, encoding: .utf8)
        let database = directory.path("db.sqlite")
        let result = try RouteLensTool.run(["ingest", "--db", database, "--format", "envoy", directory.path("access.log")])
        #expect(result.status == 0, "\(result.standardError)")
        return (directory, database)
    }

    @Test("A query on a database that does not exist says so and creates nothing")
    func missingDatabase() throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(["query", "errors", "--db", directory.path("typo.sqlite")])
        #expect(result.status != 0)
        #expect(result.standardError.contains("no database at \(directory.path("typo.sqlite")) (ingest first, or set --db / ROUTELENS_DB)"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("typo.sqlite")))
    }

    @Test("status on a database that does not exist says so and creates nothing")
    func missingDatabaseStatus() throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(["status", "--db", directory.path("typo.sqlite")])
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: directory.path("typo.sqlite")))
    }

    @Test("A query on an SQLite file that is not RouteLens's refuses it and leaves it as it was")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("other.sqlite")
        try shell("python3 -c \"import sqlite3; c=sqlite3.connect('other.sqlite'); c.execute('create table t(x)'); c.commit()\"", in: directory.url)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try RouteLensTool.run(["query", "errors", "--db", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("not a RouteLens database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("An unknown route is refused with the routes the database knows")
    func unknownRoute() throws {
        let (directory, database) = try ingested()
        defer { withExtendedLifetime(directory) {} }
        let result = try RouteLensTool.run(["query", "latency", "--db", database, "--route", "shpo"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no route named shpo in the database; its routes: (unmatched)"))
    }

    @Test("A window with no requests says what the database holds")
    func emptyWindow() throws {
        let (directory, database) = try ingested()
        defer { withExtendedLifetime(directory) {} }
        let result = try RouteLensTool.run(["query", "errors", "--db", database, "--from", "2027-01-01T00:00:00Z"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("the database holds requests from 2026-11-26T10:00:00.000Z to 2026-11-26T10:00:01.000Z"))
    }

    @Test("--from after --to is refused with the subcommand's usage")
    func reversedWindow() throws {
        let (directory, database) = try ingested()
        defer { withExtendedLifetime(directory) {} }
        let result = try RouteLensTool.run(["query", "errors", "--db", database, "--from", "2026-11-27T00:00:00Z", "--to", "2026-11-26T00:00:00Z"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("is not before --to"))
        #expect(result.standardError.contains("Usage: routelens query errors"))
    }

    @Test("Durations too long to be meant are refused, not overflowed", arguments: [
        ["query", "errors", "--since", "999999999999d"], ["ingest", "--retain-raw", "999999999999d", "x.log"],
    ])
    func hugeDurations(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(arguments + ["--db", directory.path("db.sqlite")])
        #expect(result.status == 64)
        #expect(result.standardError.contains("longer than 100 years"))
    }

    @Test("A negative number is read as a value and refused for what it is, not as a missing value")
    func negativeNumber() throws {
        let (directory, database) = try ingested()
        defer { withExtendedLifetime(directory) {} }
        let result = try RouteLensTool.run(["query", "split", "--db", database, "--tolerance-pp", "-1"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--tolerance-pp must not be negative"))
    }

    @Test("Files beside the logs that are not logs are skipped with one warning each; the logs are read and the exit is 0")
    func nonLogFileInDirectory() throws {
        let directory = try TemporaryDirectory()
        let logs = try directory.subdirectory("logs")
        try (envoyLines.joined(separator: "\n") + "\n").write(toFile: logs + "/access.log", atomically: true, encoding: .utf8)
        try "# Logs of the shop gateway\n\nCollected on 2026-11-26.\n".write(toFile: logs + "/README.md", atomically: true, encoding: .utf8)
        try "{\"expected\": {\"shop\": 2}}\n".write(toFile: logs + "/truth.json", atomically: true, encoding: .utf8)
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), logs])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("skipped \(logs)/README.md: not an access log"))
        #expect(result.standardError.contains("skipped \(logs)/truth.json: not an access log"))
        #expect(result.standardError.contains("ingested 2 records from 2 lines (0 rejected) in 1 of 3 files (2 skipped: not access logs)"))
    }

    @Test("A glob that matches nothing says so")
    func globMatchingNothing() throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(["ingest", "--db", directory.path("db.sqlite"), directory.path("*.log")])
        #expect(result.status != 0)
        #expect(result.standardError.contains("names no file"))
    }
}

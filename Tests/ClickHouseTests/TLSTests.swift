import ClickHouse
import ClickHouseLocalServer
import Foundation
import Logging
import Reports
import Storage
import Testing
import TestSupport

/// ClickHouse over HTTPS, its certificate signed by a private CA: trusted with `--clickhouse-ca-file`, refused with
/// a sentence that says so without it.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl (.ci/run installs it)"))
struct TLSTests {
    static let server = Result { () throws(ClickHouseServer.ServerError) in try ClickHouseServer.ownServer(tls: true) }

    @Test func rowsShipOverHTTPSToAServerWhoseCATheNodeWasGiven() async throws {
        let server = try Self.server.get()
        let url = try #require(server.httpsURL)
        let directory = try TemporaryDirectory()
        try FleetFixture.write(FleetFixture.log(count: 500, from: FleetFixture.day, seed: 41), to: directory.path("a.log"))
        let node = try FleetFixture.database(directory, name: "a.sqlite", logs: [directory.path("a.log")])
        let client = ClickHouseClient(endpoint: try ClickHouseEndpoint(url: url, database: "tls_\(getpid())", caFile: server.caFile))
        _ = try await ClickHouseSchema(client: client).create()
        #expect(try await ClickHouseShipper(client: client, database: node, node: "a", logger: Logger(label: "test")).shipPending() == 500)
        #expect(try await ClickHouseReporter(client: client).requestsByNode() == ["a": 500])
    }

    @Test func aCertificateFromAnUnknownCAIsRefusedNamingTheCAOption() async throws {
        let server = try Self.server.get()
        let url = try #require(server.httpsURL)
        do {
            _ = try await ClickHouseClient(endpoint: try ClickHouseEndpoint(url: url)).serverVersion()
            Issue.record("an untrusted certificate was accepted")
        } catch {
            #expect(error.description.contains("--clickhouse-ca-file"))
            #expect(error.description.contains(url))
        }
    }

    @Test func aCAFileWithNoCertificateIsRefusedBeforeAnyConnection() throws {
        let directory = try TemporaryDirectory()
        try "not a certificate\n".write(toFile: directory.path("ca.pem"), atomically: true, encoding: .utf8)
        #expect(throws: ClickHouseError.badCAFile(directory.path("ca.pem"), reason: "it cannot be read as PEM certificates; give the CA's certificate, -----BEGIN CERTIFICATE-----")) {
            try ClickHouseEndpoint(url: "https://127.0.0.1:8443", caFile: directory.path("ca.pem"))
        }
        #expect(throws: ClickHouseError.badCAFile(directory.path("ca.pem"), reason: "it applies to https URLs only, and http://127.0.0.1:8123 is http; give https://HOST:8443")) {
            try ClickHouseEndpoint(url: "http://127.0.0.1:8123", caFile: directory.path("ca.pem"))
        }
    }
}

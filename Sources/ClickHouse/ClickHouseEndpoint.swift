import Foundation
import NIOSSL

/// Where and as whom RouteLens talks to ClickHouse: the HTTP(S) URL of its HTTP interface, the user and password,
/// the database and, for a sharded fleet, the cluster whose `Distributed` table the reports read.
///
/// The password is never part of ``description`` or ``destination``, so neither logs nor the watermark table see it.
package struct ClickHouseEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `http://host:8123` or `https://host:8443`, without user, password, query or trailing `/`.
    package var url: String
    package var user: String
    package var password: String?
    package var database: String
    package var cluster: String?
    /// PEM certificates of the authorities an https URL's certificate may chain to, instead of the system's
    /// (`--clickhouse-ca-file`: a ClickHouse behind a private CA).
    package var caFile: String?

    /// Checks `url` (http or https, a host, no credentials in it: they would end up in logs) and the names, which
    /// RouteLens writes into SQL as identifiers.
    package init(
        url: String, user: String = "default", password: String? = nil, database: String = "routelens", cluster: String? = nil, caFile: String? = nil
    ) throws(ClickHouseError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .badURL(url, reason: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else { throw .badURL(url, reason: "scheme \(scheme) is not http or https") }
        guard let host = components.host, !host.isEmpty else { throw .badURL(url, reason: "no host") }
        guard components.user == nil, components.password == nil else {
            throw .badURL(Self.redacted(components), reason: "credentials in the URL would be logged; use --clickhouse-user and --clickhouse-password-file")
        }
        guard components.query == nil, components.path.isEmpty || components.path == "/" else {
            throw .badURL(url, reason: "give only scheme, host and port")
        }
        for (what, name) in [("database", database), ("cluster", cluster ?? "x")] where !Self.isIdentifier(name) {
            throw .badURL(url, reason: "\(what) name \(name) must be letters, digits and _")
        }
        var base = "\(scheme)://\(host)"
        if let port = components.port { base += ":\(port)" }
        self.url = base
        self.user = user
        self.password = password
        self.database = database
        self.cluster = cluster
        if let caFile {
            guard scheme == "https" else { throw .badCAFile(caFile, reason: "it applies to https URLs only, and \(url) is http; give https://HOST:8443") }
            _ = try Self.certificates(caFile)
        }
        self.caFile = caFile
    }

    /// The certificates of `caFile`, checked when the endpoint is made and read again for each connection's TLS.
    static func certificates(_ caFile: String) throws(ClickHouseError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do { certificates = try NIOSSLCertificate.fromPEMFile(caFile) } catch {
            throw .badCAFile(caFile, reason: "it cannot be read as PEM certificates; give the CA's certificate, -----BEGIN CERTIFICATE-----")
        }
        guard !certificates.isEmpty else { throw .badCAFile(caFile, reason: "it holds no PEM certificate; give the CA's certificate") }
        return certificates
    }

    /// The table the shipper inserts into and the reports read: `requests`, or `requests_all` over the cluster.
    package var requestsTable: String {
        "\(database).\(cluster == nil ? "requests" : "requests_all")"
    }

    /// The table of rollup rows: `rollups`, or `rollups_all` over the cluster.
    package var rollupsTable: String {
        "\(database).\(cluster == nil ? "rollups" : "rollups_all")"
    }

    /// Names this ClickHouse and database in the watermark table, without credentials.
    package var destination: String { "\(url)/\(database)" }

    package var description: String { "\(destination) as \(user)" }

    /// The password from `--clickhouse-password-file` (its first line), else `CLICKHOUSE_PASSWORD`, else none.
    package static func password(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ClickHouseError) -> String? {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .badURL(file, reason: "the password file cannot be read")
            }
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        return environment["CLICKHOUSE_PASSWORD"]
    }

    static func isIdentifier(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }
    }

    private static func redacted(_ components: URLComponents) -> String {
        var copy = components
        copy.user = nil
        copy.password = nil
        return copy.string ?? "(the URL)"
    }
}

#if canImport(Glibc)
import Glibc
#endif
package import ClickHouse
import Foundation

/// A throw-away `clickhouse-server` (Debian's package) on loopback: its own config, users and data under a
/// temporary directory, random free ports on 127.0.0.1 only. One per test process, started on first use; a watcher
/// shell kills it and removes its directory when the test process ends, however it ends (SIGKILL: its data is
/// thrown away anyway, and 18.16 took minutes to stop on SIGTERM).
///
/// Users: `default` with no password, and `lens` with the password ``password``.
///
/// A target of its own, not a file of the tests: the ClickHouse tests and `routelens-bench --clickhouse-server`
/// both start one, and one copy of how to is one place to change when the server's config does.
package final class ClickHouseServer: Sendable {
    package static let password = "lens-secret"
    package static let shared: Result<ClickHouseServer, ServerError> = Result(catching: { () throws(ServerError) in try ClickHouseServer() })

    package let httpPort: Int
    package let tcpPort: Int
    /// With ``ownServer(tls:)``: the HTTPS port, its certificate for 127.0.0.1 signed by a throw-away CA (``caFile``).
    package let httpsPort: Int?
    /// With ``cluster(named:shards:)``: the `<remote_servers>` section naming every server of the cluster.
    private let remoteServers: String
    package let directory: String
    package var url: String { "http://127.0.0.1:\(httpPort)" }

    package struct ServerError: Error, CustomStringConvertible {
        package var description: String
    }

    private convenience init() throws(ServerError) {
        try self.init(directory: nil, httpPort: nil, tcpPort: nil, httpsPort: nil, remoteServers: "")
    }

    /// `shards` servers forming one cluster `name`, a shard each, every one knowing them all (`remote_servers`), with
    /// no ZooKeeper: tables are created on each (`clickhouse init --this-server-only`), and `Distributed` tables over
    /// them route rows and queries between the servers.
    package static func cluster(named name: String, shards: Int) throws(ServerError) -> [ClickHouseServer] {
        let ports = (0..<shards).map { _ in (http: freePort(), tcp: freePort()) }
        let replicas = ports.map { "<shard><replica><host>127.0.0.1</host><port>\($0.tcp)</port></replica></shard>" }.joined()
        let section = "<remote_servers><\(name)>\(replicas)</\(name)></remote_servers>"
        var servers: [ClickHouseServer] = []
        for port in ports {
            servers.append(try ClickHouseServer(directory: nil, httpPort: port.http, tcpPort: port.tcp, httpsPort: nil, remoteServers: section))
        }
        return servers
    }

    /// A server of the test's own, which it may stop and start again (same directory, same ports); with `tls`, also
    /// on HTTPS (needs `openssl` to make the CA and the certificate).
    package static func ownServer(tls: Bool = false) throws(ServerError) -> ClickHouseServer {
        try ClickHouseServer(directory: nil, httpPort: nil, tcpPort: nil, httpsPort: tls ? freePort() : nil, remoteServers: "")
    }

    /// `https://127.0.0.1:PORT` with ``ownServer(tls:)``.
    package var httpsURL: String? { httpsPort.map { "https://127.0.0.1:\($0)" } }

    /// The PEM certificate of the CA that signed the HTTPS certificate.
    package var caFile: String { directory + "/tls/ca.crt" }

    /// Kills the server (SIGKILL, as a crash would) and waits until its port is closed.
    package func kill() {
        if let text = try? String(contentsOfFile: directory + "/pid", encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            _ = Glibc.kill(pid, SIGKILL)
        }
        while Self.accepts(port: httpPort) { usleep(50_000) }
        usleep(200_000)
    }

    /// Starts the server again on its data directory and ports.
    package func restarted() throws(ServerError) -> ClickHouseServer {
        try ClickHouseServer(directory: directory, httpPort: httpPort, tcpPort: tcpPort, httpsPort: httpsPort, remoteServers: remoteServers)
    }

    private init(
        directory existing: String?, httpPort existingHTTPPort: Int?, tcpPort existingTCPPort: Int?, httpsPort: Int?, remoteServers: String
    ) throws(ServerError) {
        guard let binary = ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ServerError(description: "clickhouse-server is not installed: apt-get install clickhouse-server")
        }
        directory = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("routelens-clickhouse-\(UUID().uuidString)").path
        httpPort = existingHTTPPort ?? Self.freePort()
        tcpPort = existingTCPPort ?? Self.freePort()
        self.httpsPort = httpsPort
        self.remoteServers = remoteServers
        do {
            try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
            if httpsPort != nil, existing == nil { try Self.makeCertificates(in: directory + "/tls") }
            try Self.config(directory: directory, httpPort: httpPort, tcpPort: tcpPort, httpsPort: httpsPort, remoteServers: remoteServers)
                .write(toFile: directory + "/config.xml", atomically: true, encoding: .utf8)
            try Self.users.write(toFile: directory + "/users.xml", atomically: true, encoding: .utf8)
        } catch {
            throw ServerError(description: "cannot write the server's config in \(directory): \(error)")
        }
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = [
            "-c",
            """
            '\(binary)' --config-file='\(directory)/config.xml' >'\(directory)/stdout' 2>&1 &
            server=$!
            echo $server > '\(directory)/pid'
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done
            kill -9 $server 2>/dev/null; wait $server; rm -rf '\(directory)'
            """,
        ]
        // Not the test process's output: `swift test` would wait for the watcher to close it.
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        watcher.standardInput = FileHandle.nullDevice
        do { try watcher.run() } catch { throw ServerError(description: "cannot start \(binary): \(error)") }
        // Ready when its HTTP port takes connections: it opens it once its tables are loaded.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if Self.accepts(port: httpPort) { return }
            usleep(200_000)
        }
        let log = (try? String(contentsOfFile: directory + "/error.log", encoding: .utf8)) ?? ""
        throw ServerError(description: "clickhouse-server did not answer on port \(httpPort) within 60 s: \(log.suffix(2000))")
    }

    /// An endpoint for a database of the test's own, so tests sharing the server never see each other's rows.
    package func endpoint(user: String = "default", password: String? = nil, database: String = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")) throws -> ClickHouseEndpoint {
        try ClickHouseEndpoint(url: url, user: user, password: password, database: database)
    }

    package static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nothing listens on now: the kernel's choice for a socket bound to port 0.
    package static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 ? getsockname(fd, $0, &length) : -1 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A CA and a certificate for 127.0.0.1 it signed, made with `openssl` in `directory`, valid for two days.
    private static func makeCertificates(in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = """
            set -e
            cd '\(directory)'
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj '/CN=RouteLens test CA' \\
                -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1'
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile server.ext
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerError(description: "openssl could not make a test CA and certificate in \(directory)") }
    }

    private static func config(directory: String, httpPort: Int, tcpPort: Int, httpsPort: Int?, remoteServers: String) -> String {
        let https = httpsPort.map { port in
            """
            <https_port>\(port)</https_port>
                <openSSL><server>
                    <certificateFile>\(directory)/tls/server.crt</certificateFile><privateKeyFile>\(directory)/tls/server.key</privateKeyFile>
                    <verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile>
                    <disableProtocols>sslv2,sslv3</disableProtocols><preferServerCiphers>true</preferServerCiphers>
                </server></openSSL>
            """
        } ?? ""
        return """
        <?xml version="1.0"?>
        <yandex>
            <logger><level>warning</level><log>\(directory)/server.log</log><errorlog>\(directory)/error.log</errorlog></logger>
            \(https)
            \(remoteServers)
            <http_port>\(httpPort)</http_port>
            <tcp_port>\(tcpPort)</tcp_port>
            <listen_host>127.0.0.1</listen_host>
            <path>\(directory)/data/</path>
            <tmp_path>\(directory)/tmp/</tmp_path>
            <user_files_path>\(directory)/user_files/</user_files_path>
            <format_schema_path>\(directory)/format_schemas/</format_schema_path>
            <users_config>users.xml</users_config>
            <default_profile>default</default_profile>
            <default_database>default</default_database>
            <mark_cache_size>5368709120</mark_cache_size>
        </yandex>
        """
    }

    private static let users = """
        <?xml version="1.0"?>
        <yandex>
            <profiles><default></default></profiles>
            <users>
                <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
                <lens><password>\(password)</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></lens>
            </users>
            <quotas><default></default></quotas>
        </yandex>
        """
}

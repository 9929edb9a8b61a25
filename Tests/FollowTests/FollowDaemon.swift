import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `routelens ingest --follow` running as a child process, as an operator would run it, polling every
/// 50 ms unless told otherwise so the tests wait less; killed when released if a test did not stop it.
final class FollowDaemon {
    let database: String
    /// Where the daemon's standard error goes; it accumulates across restarts of the same test.
    let logPath: String
    private let child: ChildProcess

    /// Starts `routelens ingest --follow --poll-interval POLL_INTERVAL --db DATABASE OPTIONS… PATHS…` in
    /// `workingDirectory` (the test process's own unless given).
    init(
        database: String, options: [String] = ["--format", "envoy"], paths: [String], pollInterval: String = "0.05",
        workingDirectory: String? = nil, in directory: TemporaryDirectory
    ) throws {
        self.database = database
        logPath = directory.path("daemon.stderr")
        let command = [RouteLens.executable, "ingest", "--follow", "--poll-interval", pollInterval, "--db", database] + options + paths
        // `env -C DIR` changes directory and then execs the daemon, which keeps env's process id.
        let (executable, arguments) = workingDirectory.map { ("/usr/bin/env", ["-C", $0] + command) } ?? (command[0], Array(command.dropFirst()))
        child = try ChildProcess(
            executable: executable,
            arguments: arguments,
            standardOutput: directory.path("daemon.stdout"),
            standardError: logPath
        )
    }

    var pid: pid_t { child.pid }

    /// Whether the daemon is still running.
    var isRunning: Bool { child.poll() == nil }

    /// What the daemon wrote to standard error so far, for messages and assertions.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the daemon to end, up to `limit`; `nil` if it is still running.
    func stop(with signal: Int32 = SIGTERM, within limit: Duration = .seconds(10)) async -> ChildProcess.Termination? {
        child.send(signal)
        return await child.waitForExit(within: limit)
    }

    /// Like ``poll(within:until:_:)``, but gives up as soon as the daemon has exited.
    func watch<Value>(within limit: Duration, until isDone: (Value) -> Bool, _ read: () async throws -> Value) async throws -> Value {
        try await poll(within: limit, until: isDone, givingUpWhen: { !isRunning }, read)
    }

    /// Peak resident memory so far, from `VmHWM` in `/proc/PID/status`, in bytes.
    func peakResidentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw ProcStatusError(pid: pid) }
        return kibibytes * 1024
    }
}

struct ProcStatusError: Error, CustomStringConvertible {
    var pid: pid_t
    var description: String { "/proc/\(pid)/status has no VmHWM line" }
}

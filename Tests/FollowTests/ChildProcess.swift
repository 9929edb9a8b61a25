#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program run as a child of the test process, its standard output and error going to files.
///
/// Hand-written over `posix_spawn` instead of Foundation's `Process` because the tests need what
/// `Process` does not give: `SIGKILL` at a chosen instant, waiting for exit with a deadline without
/// blocking a thread of the cooperative pool, and signal dispositions reset to their defaults (the test
/// runner ignores `SIGPIPE`, which a child would otherwise inherit).
///
/// A child still running when the value is released is killed and reaped, so a failed test leaves no
/// orphan behind.
final class ChildProcess {
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    let pid: pid_t
    let command: String
    private(set) var termination: Termination?

    init(executable: String, arguments: [String], standardOutput: String, standardError: String) throws(SpawnError) {
        command = ([executable] + arguments).joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_APPEND, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw SpawnError(command: command, reason: String(cString: strerror(status))) }
        pid = child
    }

    /// Sends `signal` (`SIGTERM`, `SIGINT`, `SIGKILL`) unless the child has already been reaped.
    func send(_ signal: Int32) {
        guard termination == nil else { return }
        kill(pid, signal)
    }

    /// How the child ended, if it has; never blocks.
    func poll() -> Termination? {
        if termination == nil { reap(options: WNOHANG) }
        return termination
    }

    /// How the child ended, polling until `limit` passes; `nil` if it is still running then.
    func waitForExit(within limit: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + limit
        while poll() == nil, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return termination
    }

    private func reap(options: Int32) {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, options) } while result == -1 && errno == EINTR
        guard result == pid else { return }
        // <sys/wait.h>'s WIFEXITED, WEXITSTATUS and WTERMSIG are macros Swift does not import.
        termination = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }

    deinit {
        if poll() == nil {
            kill(pid, SIGKILL)
            reap(options: 0)
        }
    }
}

struct SpawnError: Error, CustomStringConvertible {
    var command: String
    var reason: String
    var description: String { "cannot start \(command): \(reason)" }
}

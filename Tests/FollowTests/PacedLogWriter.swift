#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Appends lines to a log file from its own thread, a batch every few milliseconds, as a proxy writes
/// its access log, and reopens the path when another file appears there (logrotate's `create`), as
/// Envoy does when told to reopen its logs. Until then it keeps writing to the renamed file, which is
/// the window a follower must not lose.
final class PacedLogWriter: Sendable {
    private struct State {
        var paused = false
        var stopping = false
        var finished = false
        var written = 0
        var reopenings = 0
        var failure: String?
    }

    let path: String
    private let linesPerBatch: Int
    private let intervalMicroseconds: UInt32
    /// Line `n`, newline-terminated, or `nil` once the source is exhausted.
    private let line: @Sendable (Int) -> [UInt8]?
    private let state = Mutex(State())

    /// Prepares to write `linesPerBatch` lines every `intervalMicroseconds`; nothing is written before ``start()``.
    init(path: String, linesPerBatch: Int, intervalMicroseconds: UInt32, line: @escaping @Sendable (Int) -> [UInt8]?) {
        self.path = path
        self.linesPerBatch = linesPerBatch
        self.intervalMicroseconds = intervalMicroseconds
        self.line = line
    }

    /// Numbered lines (``SequencedLine``) without end: 20 every 5 ms, about 4,000 lines/s.
    static func sequenced(path: String) -> PacedLogWriter {
        PacedLogWriter(path: path, linesPerBatch: 20, intervalMicroseconds: 5_000) { Array(SequencedLine.text($0).utf8) }
    }

    func start() {
        Thread.detachNewThread { self.run() }
    }

    /// Lines written so far; line numbers `0..<written` are in the files.
    var written: Int { state.withLock { $0.written } }

    /// How often the writer found another file at its path and reopened it.
    var reopenings: Int { state.withLock { $0.reopenings } }

    /// Why the writer stopped on its own, if it failed.
    var failure: String? { state.withLock { $0.failure } }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Returns once no write is in progress; nothing is written until ``resume()``.
    func pause() {
        state.withLock { $0.paused = true }
    }

    func resume() {
        state.withLock { $0.paused = false }
    }

    /// Stops after the batch in progress and returns how many lines were written in all.
    func stop() async -> Int {
        state.withLock { $0.stopping = true }
        while !isFinished {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return written
    }

    private func run() {
        var descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        while descriptor >= 0 {
            // Writing under the lock makes `pause()` return only between batches.
            let keepGoing = state.withLock { state -> Bool in
                if state.stopping { return false }
                if state.paused { return true }
                if reopenIfReplaced(&descriptor) { state.reopenings += 1 }
                var batch: [UInt8] = []
                var count = 0
                while count < linesPerBatch, let next = line(state.written + count) {
                    batch += next
                    count += 1
                }
                guard count > 0 else { return false }
                guard writeAll(batch, to: descriptor) else {
                    state.failure = "write to \(path): \(String(cString: strerror(errno)))"
                    return false
                }
                state.written += count
                return true
            }
            guard keepGoing else { break }
            usleep(intervalMicroseconds)
        }
        if descriptor >= 0 {
            close(descriptor)
        } else {
            state.withLock { $0.failure = "open \(path): \(String(cString: strerror(errno)))" }
        }
        state.withLock { $0.finished = true }
    }

    /// Reopens `path` when a different file is there; while nothing is there, keeps the open file.
    private func reopenIfReplaced(_ descriptor: inout Int32) -> Bool {
        var atPath = stat()
        var opened = stat()
        guard stat(path, &atPath) == 0, fstat(descriptor, &opened) == 0,
              atPath.st_ino != opened.st_ino || atPath.st_dev != opened.st_dev
        else { return false }
        close(descriptor)
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        return true
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                done += result
            }
            return true
        }
    }
}

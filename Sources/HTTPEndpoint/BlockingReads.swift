import Dispatch
import Foundation
import HTTPTypes
import Synchronization

/// Runs blocking database work (the `Reporter`'s synchronous GRDB reads, sorting durations) on `width` threads
/// of its own, never on Swift's cooperative pool, which on a 2-core machine has two threads that serve every
/// HTTP request: a 4-second report there would stall `/healthz` and every other caller. Nor on Dispatch's
/// global queues, whose Linux thread pool is as narrow as the machine and which also serve timers. Reads wait
/// their turn in a queue holding no thread.
///
/// Every read has a deadline, the request's time limit, kept by a Dispatch timer (not a Swift task, so that it
/// fires on time even while something else keeps the cooperative pool busy): past it the caller gets 503; a read that has not started by then is skipped, and one already running finishes on its thread
/// (SQLite cannot stop one statement without interrupting every reader of the pool) and its answer is dropped.
///
/// Hand-written rather than NIO's `NIOThreadPool`, which lives in NIOPosix, a package this target would
/// otherwise not name; the queue is forty lines.
package final class BlockingReads: Sendable {
    private let queue: WorkQueue
    private let deadlines = DispatchQueue(label: "routelens.serve.deadlines")
    private let limitSeconds: Double

    package init(width: Int, limitSeconds: Double) {
        queue = WorkQueue(threads: max(1, width))
        self.limitSeconds = limitSeconds
    }

    deinit {
        queue.stop()
    }

    /// The result of `body`, run on one of the threads, or a 503 once the time limit has passed.
    package func run<T: Sendable>(_ body: @escaping @Sendable () throws(EndpointError) -> T) async throws(EndpointError) -> T {
        let limit = limitSeconds
        let result: Result<T, EndpointError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            // Left to fire after an answer, it finds the continuation resumed and does nothing.
            deadlines.asyncAfter(deadline: .now() + limit) {
                once.resume(with: .failure(EndpointError(
                    .serviceUnavailable, "the answer took longer than the \(limit) s limit",
                    hint: "narrow the window (from/to, since) or ask for one route, and try again"
                )))
            }
            queue.add {
                guard !once.isResumed else { return }
                once.resume(with: Result { () throws(EndpointError) -> T in try body() })
            }
        }
        return try result.get()
    }
}

/// A first-in first-out queue of work served by a fixed set of threads.
///
/// `@unchecked Sendable`: `jobs` and `stopped` are only touched while `condition` is locked.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [self] in serve() }
            thread.name = "routelens-read-\(index)"
            thread.start()
        }
    }

    func add(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// A continuation resumed by whichever comes first, the read or its deadline.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Result<T, EndpointError>, Never>?>

    init(_ continuation: CheckedContinuation<Result<T, EndpointError>, Never>) {
        self.continuation = Mutex(continuation)
    }

    var isResumed: Bool { continuation.withLock { $0 == nil } }

    func resume(with result: Result<T, EndpointError>) {
        continuation.withLock { pending in
            pending?.resume(returning: result)
            pending = nil
        }
    }
}

import HTTPTypes
import Dispatch
import Foundation
import Synchronization

/// Runs blocking database work (the `Reporter`'s synchronous GRDB reads, sorting durations) on threads of an
/// `OperationQueue`, never on Swift's cooperative pool, which on a 2-core machine has two threads that serve
/// every HTTP request: a 4-second report there would stall `/healthz` and every other caller. At most `width`
/// reads run at once; the rest wait in the queue holding no thread.
///
/// Every read has a deadline, the request's time limit: past it the caller gets 503 at once; a read that
/// has not started by then is skipped, and one already running finishes on its thread (SQLite cannot stop one
/// statement without interrupting every reader of the pool) and its answer is dropped.
///
/// Hand-written over Foundation rather than NIO's `NIOThreadPool`, which lives in NIOPosix, a package this
/// target would otherwise not name.
final class BlockingReads: Sendable {
    private let queue: OperationQueue
    private let limitSeconds: Double

    init(width: Int, limitSeconds: Double) {
        let queue = OperationQueue()
        queue.name = "routelens.serve.reads"
        queue.maxConcurrentOperationCount = max(1, width)
        self.queue = queue
        self.limitSeconds = limitSeconds
    }

    /// The result of `body`, run on the queue, or a 503 once the time limit has passed.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(EndpointError) -> T) async throws(EndpointError) -> T {
        let limit = limitSeconds
        let result: Result<T, EndpointError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            queue.addOperation {
                guard !once.isResumed else { return }
                once.resume(with: Result { () throws(EndpointError) -> T in try body() })
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
                once.resume(with: .failure(EndpointError(
                    .serviceUnavailable, "the answer took longer than the \(limit) s limit",
                    hint: "narrow the window (from/to, since) or ask for one route, and try again"
                )))
            }
        }
        return try result.get()
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

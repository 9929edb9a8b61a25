import Dispatch
import Synchronization

/// Runs blocking work — reading and inflating files, SQLite transactions, long queries — on a thread of its own,
/// so that async services never block the cooperative thread pool that also serves HTTP requests.
///
/// Swift's cooperative pool has one thread per core. A service that calls blocking code from `run()` holds one of
/// them for as long as the call lasts: on a 2-core machine, a backfill and a retention pass would leave request
/// handlers no thread at all. A worker owns a serial `DispatchQueue`; such a queue is overcommitting, so libdispatch
/// gives it a thread beyond the pool's width, and the awaiting task is suspended, not blocking, meanwhile.
///
/// ```swift
/// let worker = BlockingWorker(label: "routelens-follow")
/// let summary = try await worker.run { stop in try ingestor.ingest(path: path, shouldStop: stop.isRequested) }
/// ```
package struct BlockingWorker: Sendable {
    private let queue: DispatchQueue

    /// `label` names the thread in debuggers and `top -H`.
    package init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the worker's thread and waits for it without blocking the caller's thread.
    ///
    /// When the calling task is cancelled meanwhile, `body`'s ``StopRequest`` says so: blocking code cannot see
    /// `Task.isCancelled` from another thread, so it polls the request at its safe points (after a commit) instead.
    package func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable (StopRequest) throws(Failure) -> T
    ) async throws(Failure) -> T {
        let stop = StopRequest()
        let result: Result<T, Failure> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    do throws(Failure) {
                        continuation.resume(returning: .success(try body(stop)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        } onCancel: {
            stop.request()
        }
        return try result.get()
    }
}

/// Whether the task that started a piece of blocking work was cancelled: blocking code asks it at the points where
/// stopping leaves nothing half done.
package final class StopRequest: Sendable {
    private let requested = Atomic(false)

    package init() {}

    /// Asks the work to stop at its next safe point.
    package func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether stopping was asked for.
    package var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }
}

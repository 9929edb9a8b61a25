import Foundation
import Platform
import Synchronization
import Testing

@Suite("Blocking work runs beside the cooperative pool, not on it")
struct BlockingWorkerTests {
    @Test("Workers blocked beyond the pool's width leave an async task free to run and release them")
    func blockedWorkersLeaveThePoolFree() async throws {
        // More blocked workers than the cooperative pool has threads. Were their work on the pool, no thread would be
        // left for this test's own task to notice them all blocked and release them: each would time out instead.
        let count = ProcessInfo.processInfo.activeProcessorCount + 2
        let workers = (0..<count).map { BlockingWorker(label: "test-\($0)") }
        let arrived = Arrivals()
        let release = DispatchSemaphore(value: 0)
        let blocked = Task {
            await withTaskGroup(of: Bool.self) { group in
                for worker in workers {
                    group.addTask {
                        await worker.run { _ in
                            arrived.count.add(1, ordering: .relaxed)
                            return release.wait(timeout: .now() + 60) == .success
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        while arrived.count.load(ordering: .relaxed) < count {
            try await Task.sleep(for: .milliseconds(10))
        }
        for _ in workers { release.signal() }
        let released = await blocked.value
        #expect(released == Array(repeating: true, count: count))
    }

    @Test("Cancelling the awaiting task asks the blocking work to stop")
    func cancellationReachesTheWork() async throws {
        let worker = BlockingWorker(label: "test-cancel")
        let task = Task {
            await worker.run { stop -> Int in
                var polls = 0
                while !stop.isRequested, polls < 1000 {
                    polls += 1
                    usleep(5000)
                }
                return polls
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let polls = await task.value
        #expect(polls < 1000, "the work ran to its limit instead of stopping")
    }

    @Test("Errors thrown by the work reach the caller with their type")
    func typedErrorsPassThrough() async {
        struct Refused: Error, Equatable {}
        let worker = BlockingWorker(label: "test-error")
        await #expect(throws: Refused()) {
            try await worker.run { _ throws(Refused) -> Int in throw Refused() }
        }
    }
}

/// How many workers reached the point where they block.
private final class Arrivals: Sendable {
    let count = Atomic(0)
}

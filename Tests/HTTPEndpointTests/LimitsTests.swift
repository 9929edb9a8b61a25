import Foundation
import Synchronization
import HTTPTypes
import HTTPEndpoint
import Testing

/// The bounds that keep one caller from holding the server.
@Suite("Limits and the blocking boundary")
struct LimitsTests {
    @Test("A read past the time limit answers 503 at the limit, not with the read's answer when it ends")
    func timeLimit() async throws {
        let reads = BlockingReads(width: 1, limitSeconds: 0.2)
        // The read would answer after 3 s; the limit's 503 must come first, even when other tests keep the
        // cooperative pool busy (the deadline is a Dispatch timer).
        let error = await #expect(throws: EndpointError.self) {
            _ = try await reads.run { () throws(EndpointError) -> Int in
                Thread.sleep(forTimeInterval: 3)
                return 1
            }
        }
        #expect(error?.status == .serviceUnavailable)
        #expect(error?.error == "the answer took longer than the 0.2 s limit")
    }

    @Test("Reads blocked beyond the pool's width leave an async task free to run and release them")
    func blockedReadsLeaveTasksAlone() async throws {
        // Four reads block until this test's own task releases them: more than the cooperative pool's threads on a
        // 2-core machine, so were they on the pool, no thread would be left for this task and they would time out.
        // Counted by arrival, not by the clock, so a loaded machine cannot make it flaky.
        let reads = BlockingReads(width: 4, limitSeconds: 60)
        let arrived = Arrivals()
        let release = DispatchSemaphore(value: 0)
        let blocked = (0..<4).map { _ in
            Task {
                try await reads.run { () throws(EndpointError) -> Bool in
                    arrived.add()
                    return release.wait(timeout: .now() + 50) == .success
                }
            }
        }
        while arrived.count < 4 { try await Task.sleep(for: .milliseconds(10)) }
        for _ in blocked { release.signal() }
        var released = 0
        for read in blocked where try await read.value { released += 1 }
        #expect(released == 4)
    }

    @Test("A series never has more intervals than maxDataPoints, and never fewer than a minute's when asked")
    func seriesWindow() throws {
        let limits = EndpointConfiguration.Limits()
        let day = try SeriesWindow(from: 0, to: 86_400_000, intervalMs: 1000, maxDataPoints: 100, limits: limits)
        #expect(day.buckets.count <= 100)
        let shifted = try SeriesWindow(from: 1_234, to: 86_401_234, intervalMs: 1000, maxDataPoints: 100, limits: limits)
        #expect(shifted.buckets.count <= 100)
        let minutes = try SeriesWindow(from: 0, to: 3_600_000, intervalMs: 60_000, maxDataPoints: 1000, limits: limits)
        #expect(minutes.step == 60_000)
        // A day at 1,440 points needs 60,042 ms: rounded up to whole minutes, so intervals match the rollups.
        let dayOfMinutes = try SeriesWindow(from: 36_612, to: 86_400_000 + 36_612, intervalMs: 60_000, maxDataPoints: 1440, limits: limits)
        #expect(dayOfMinutes.step == 120_000)
        #expect(dayOfMinutes.buckets.count <= 1440)
        #expect(dayOfMinutes.buckets.allSatisfy { $0 % 60_000 == 0 })
        #expect(minutes.buckets.count == 60)
        #expect(throws: EndpointError.self) { try SeriesWindow(from: 0, to: 40 * 86_400_000, intervalMs: 60_000, maxDataPoints: 100, limits: limits) }
    }
}

/// How many blocked reads began.
private final class Arrivals: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

import Foundation

/// A first-in, first-out hand-over between two threads: ``receive()`` waits for an element,
/// ``send(_:)`` waits while `capacity` elements are queued, and ``close()`` releases both sides for good.
///
/// Hand-written over `NSCondition` rather than an `AsyncStream`: ingest's public call is synchronous
/// and runs its writer on the caller's thread, and the reader runs on a thread of its own, so neither
/// side may suspend; each call here is once per batch of thousands of lines, nowhere near hot.
///
/// `@unchecked Sendable`: every stored property is read and written only while `condition` is locked.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var elements: [Element] = []
    private let capacity: Int
    private var isClosed = false

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Queues `element`, waiting while the queue is full; `false` once the queue is closed.
    @discardableResult
    func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count >= capacity, !isClosed { condition.wait() }
        guard !isClosed else { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting while there is none; `nil` once the queue is closed.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty, !isClosed { condition.wait() }
        guard !isClosed else { return nil }
        condition.broadcast()
        return elements.removeFirst()
    }

    /// Wakes both sides and refuses every later send and receive; queued elements are dropped.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        isClosed = true
        elements.removeAll()
        condition.broadcast()
    }
}

import Testing

@testable import Ingest

@Suite("Blocking queue")
struct BlockingQueueTests {
    @Test("Elements come out in the order they went in")
    func firstInFirstOut() {
        let queue = BlockingQueue<Int>(capacity: 3)
        for number in 1...3 { queue.send(number) }
        #expect([queue.receive(), queue.receive(), queue.receive()] == [1, 2, 3])
    }

    @Test("Once closed, sends are refused and receives return nil, queued elements included")
    func closeReleasesBothSides() {
        let queue = BlockingQueue<Int>(capacity: 2)
        queue.send(1)
        queue.close()
        #expect(queue.send(2) == false)
        #expect(queue.receive() == nil)
    }

    @Test("A full queue holds its sender until the receiver takes an element")
    func backPressure() async {
        let queue = BlockingQueue<Int>(capacity: 1)
        queue.send(1)
        let sender = Task.detached { queue.send(2) }
        #expect(queue.receive() == 1)
        #expect(await sender.value)
        #expect(queue.receive() == 2)
    }
}

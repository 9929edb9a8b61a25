import AccessLog
import Foundation

/// Reads, inflates, parses, attributes and encodes a file on a thread of its own, up to
/// ``batchesInFlight`` batches ahead of the caller, who writes them: ingest's two halves, SQLite's
/// inserts and everything before them, each get a core.
///
/// Batches circulate: the reading thread takes an empty batch from `empty`, fills it and queues it
/// on `filled`; the writer commits it and hands it back with ``recycle(_:)``. So at most
/// ``batchesInFlight`` batches exist (back-pressure and a bound on memory), and their buffers are
/// reused instead of reallocated. Batches arrive in file order, each with the checkpoint its lines
/// end at; what the writer has not committed, nothing records as read.
struct IngestPipeline {
    /// What the reading thread reports, in order: batches, then how the file ended.
    enum Message: Sendable {
        case batch(FileBatch)
        /// Every line there is to read now was sent. `warnings`: why the end of the file was not read.
        case finished(warnings: [String])
        /// Reading failed; the batches before it are intact.
        case failed(IngestError)
    }

    /// One batch being filled, one queued, one being written.
    static let batchesInFlight = 3

    private let filled = BlockingQueue<Message>(capacity: batchesInFlight + 1)
    private let empty = BlockingQueue<FileBatch>(capacity: batchesInFlight)
    private let readerDone = DispatchSemaphore(value: 0)

    /// Starts reading `run` with `format` on a new thread.
    init(run: consuming FileRun, format: LogFormat) {
        for _ in 0..<Self.batchesInFlight { empty.send(FileBatch()) }
        // `FileRun` is not Sendable (it owns the file's reader). Sending it is safe because it moves: the
        // caller gives its run up here and never touches it again, and only the new thread uses it.
        nonisolated(unsafe) var handedOver = Optional(run)
        let (filled, empty, readerDone) = (filled, empty, readerDone)
        let thread = Thread {
            defer { readerDone.signal() }
            guard var run = handedOver.take() else { return }
            let parser = LineParser(format: format)
            while var batch = empty.receive() {
                do throws(IngestError) {
                    try run.fill(&batch, parser: parser)
                } catch {
                    filled.send(.failed(error))
                    return
                }
                guard filled.send(.batch(consume batch)) else { return }
                if run.isFinished {
                    filled.send(.finished(warnings: run.finalWarnings()))
                    return
                }
            }
        }
        thread.name = "routelens-read"
        thread.start()
    }

    /// The reading thread's next message, waiting for it.
    func next() -> Message {
        guard let message = filled.receive() else { preconditionFailure("next() called after stop()") }
        return message
    }

    /// Gives a committed batch back to be filled again.
    func recycle(_ batch: consuming FileBatch) {
        empty.send(batch)
    }

    /// Stops the reading thread wherever it is and waits for it to end. Call it once, when done.
    func stop() {
        filled.close()
        empty.close()
        readerDone.wait()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccessLog
import Gzip
import RequestBatches

/// One pass over one file: its content buffer, how far it has been consumed, and the line-by-line
/// work of turning complete lines into encoded rows.
///
/// Not `Sendable` (it owns the file's reader): it is built on the caller's thread, then handed whole to
/// the reading thread of an ``IngestPipeline``.
struct FileRun {
    private let reader: LogFileReader
    private let options: IngestOptions
    /// Content not yet consumed; it starts at decompressed offset `consumed`.
    private(set) var buffer: [UInt8] = []
    private var consumed: Int64 = 0
    /// The decompressed offset just past the last whole line consumed: what a checkpoint records.
    private(set) var checkpointOffset: Int64 = 0
    private(set) var atEnd = false
    private var stoppedByCorruptGzip = false
    private(set) var warnings: [String] = []
    /// While a line longer than `maxLineLength` is being skipped: its first bytes, for the rejection.
    private var oversizedLineHead: [UInt8]?
    private var attribution: RequestAttributor.Memory
    private var encoder = RequestEncoder()
    /// The number of the last line consumed, counting lines earlier runs consumed.
    private var lineNumber: Int64 = 0
    /// How many of `warnings` a filled batch has carried to the writer.
    private var reportedWarnings = 0

    init(reader: LogFileReader, options: IngestOptions) {
        self.reader = reader
        self.options = options
        attribution = RequestAttributor.Memory(attributor: options.attributor)
        buffer.reserveCapacity(4 << 20)
    }

    /// Reads one more chunk; a corrupt gzip member ends the file here, with a warning.
    mutating func fill() throws(IngestError) {
        do {
            if try !reader.read(appendingTo: &buffer) { atEnd = true }
        } catch {
            switch error {
            case .io(let reason):
                throw IngestError.cannotRead(path: reader.path, reason: reason)
            case .gzip(let gzipError):
                warnings.append(gzipError.description)
                stoppedByCorruptGzip = true
                atEnd = true
            }
        }
    }

    mutating func fill(atLeast count: Int) throws(IngestError) {
        while buffer.count < count, !atEnd { try fill() }
    }

    /// Skips content an earlier run already consumed, `lines` lines up to `offset`: a seek for a plain
    /// file, decoding for gzip.
    mutating func skip(to offset: Int64, lines: Int64) throws(IngestError) {
        lineNumber = lines
        if !reader.isGzip, offset > consumed + Int64(buffer.count), offset <= reader.size {
            buffer.removeAll(keepingCapacity: true)
            reader.seek(to: offset)
            consumed = offset
            atEnd = false
        }
        while consumed + Int64(buffer.count) < offset, !atEnd {
            consumed += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
            try fill()
        }
        let skippable = min(Int(offset - consumed), buffer.count)
        buffer.removeFirst(skippable)
        consumed += Int64(skippable)
        checkpointOffset = consumed
        // A gzip file still being written (logrotate compressing it now) is simply not there yet.
        if consumed < offset, !reader.isGzip || reader.incompleteGzipReason() == nil {
            warnings.append("the file is shorter than the \(offset) bytes read from it before (truncated or replaced?); nothing new was read")
        }
    }

    /// Consumes complete lines until `batch` is full or the file ends, encoding a row or a rejection
    /// for each, and records in it the checkpoint its lines bring the file to.
    mutating func fill(_ batch: inout FileBatch, parser: LineParser) throws(IngestError) {
        encoder.begin(&batch.requests)
        batch.rejections.removeAll(keepingCapacity: true)
        batch.lines = 0
        batch.records = 0
        batch.rejected = 0
        while true {
            // Lines are read from a local array, so the per-line work can mutate `self` without
            // overlapping an access to `buffer` (which made Swift copy the whole run for every line).
            var content: [UInt8] = []
            swap(&content, &buffer)
            let taken = content.withUnsafeBytes { content -> Int in
                var start = 0
                while start < content.count, !isFull(batch),
                    let newline = memchr(content.baseAddress! + start, Int32(UInt8(ascii: "\n")), content.count - start)
                {
                    let end = content.baseAddress!.distance(to: UnsafeRawPointer(newline))
                    consumeLine(UnsafeRawBufferPointer(rebasing: content[start..<end]), parser: parser, into: &batch)
                    start = end + 1
                }
                return start
            }
            swap(&content, &buffer)
            buffer.removeFirst(taken)
            consumed += Int64(taken)
            if taken > 0 { checkpointOffset = consumed }
            // Only a buffer with no complete line in it is one oversized line: a full batch leaves
            // complete lines behind for the next batch, however many bytes they add up to.
            if buffer.count > options.maxLineLength, !hasCompleteLine {
                if oversizedLineHead == nil { oversizedLineHead = Array(buffer.prefix(200)) }
                consumed += Int64(buffer.count)
                buffer.removeAll(keepingCapacity: true)
            }
            if isFull(batch) || atEnd { break }
            try fill()
        }
        if atEnd, !isFull(batch), !buffer.isEmpty, oversizedLineHead == nil, isComplete {
            var content: [UInt8] = []
            swap(&content, &buffer)
            content.withUnsafeBytes { content in consumeLine(content, parser: parser, into: &batch) }
            consumed += Int64(content.count)
            checkpointOffset = consumed
            buffer.removeAll()
        }
        batch.checkpointOffset = checkpointOffset
        batch.bytesRead = reader.bytesRead
        batch.warnings = Array(warnings[reportedWarnings...])
        reportedWarnings = warnings.count
    }

    /// Whether the file's end is reached and every line there is to read now has been consumed.
    var isFinished: Bool {
        guard atEnd else { return false }
        guard !buffer.isEmpty else { return true }
        return !hasCompleteLine && (oversizedLineHead != nil || !isComplete)
    }

    /// Whether the unconsumed content holds a newline.
    private var hasCompleteLine: Bool {
        buffer.withUnsafeBytes { !$0.isEmpty && memchr($0.baseAddress!, Int32(UInt8(ascii: "\n")), $0.count) != nil }
    }

    private mutating func consumeLine(_ line: UnsafeRawBufferPointer, parser: LineParser, into batch: inout FileBatch) {
        batch.lines += 1
        lineNumber += 1
        if let head = oversizedLineHead {
            batch.rejected += 1
            batch.rejections.append(.init(line: lineNumber, reason: "line is longer than \(options.maxLineLength) bytes; not loaded", text: head))
            oversizedLineHead = nil
        } else {
            consume(line, parser: parser, into: &batch)
        }
    }

    private func isFull(_ batch: borrowing FileBatch) -> Bool {
        batch.lines >= options.linesPerTransaction || batch.requests.byteCount >= FileBatch.byteLimit
    }

    /// Whether the file's end is final: a gzip file whose last member is complete. A plain file may
    /// still be appended to, so its unterminated last line waits for its newline.
    var isComplete: Bool {
        reader.isGzip && !stoppedByCorruptGzip && reader.incompleteGzipReason() == nil
    }

    private mutating func consume(_ line: UnsafeRawBufferPointer, parser: LineParser, into batch: inout FileBatch) {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { return }
        do {
            try parser.parse(line)
        } catch {
            batch.rejected += 1
            batch.rejections.append(.init(line: lineNumber, reason: error.reason, text: Array(line.prefix(4096))))
            return
        }
        encoder.append(parser, line: lineNumber, attribution: options.attributor.attribute(parser, memory: &attribution), to: &batch.requests)
        batch.records += 1
    }

    /// Why the end of the file was not read, once the run is over.
    func finalWarnings() -> [String] {
        var result = warnings
        if !stoppedByCorruptGzip, let reason = reader.incompleteGzipReason() {
            result.append(reason)
        }
        if !buffer.isEmpty {
            result.append("the last line (\(buffer.count) bytes) has no newline yet; it is read once complete")
        }
        return result
    }
}

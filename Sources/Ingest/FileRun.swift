#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccessLog
import Gzip
import RequestBatches
import Storage

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
    /// The last ``SourceFile/tailLength`` bytes consumed, and those just before ``checkpointOffset``: what a
    /// checkpoint records so that a later run can tell the file at its offset is still this file.
    private var consumedTail: [UInt8] = []
    private var checkpointTail: [UInt8] = []
    /// For gzip: where the member being decoded began, and the number of its first line.
    private var memberStart: (offset: Int64, line: Int64) = (0, 1)

    init(reader: LogFileReader, options: IngestOptions) {
        self.reader = reader
        self.options = options
        attribution = RequestAttributor.Memory(attributor: options.attributor)
        buffer.reserveCapacity(4 << 20)
    }

    /// Reads one more chunk; a corrupt gzip member ends the file here, with a warning naming the lines that came
    /// from it.
    mutating func fill() throws(IngestError) {
        do {
            if try !reader.read(appendingTo: &buffer) { atEnd = true }
            noteGzipMemberStart()
        } catch {
            switch error {
            case .io(let reason):
                throw IngestError.cannotRead(path: reader.path, reason: reason)
            case .gzip(let gzipError):
                noteGzipMemberStart()
                var warning = gzipError.description
                if case .corruptMember = gzipError {
                    // zlib checks a member's CRC-32 only at its end, so its lines were read before the damage showed.
                    warning += "; lines \(memberStart.line) and after came from that member: they are stored, but unverified and possibly garbled"
                        + (memberStart.line > 1 ? "; lines 1 to \(memberStart.line - 1) are intact" : "")
                }
                warnings.append(warning)
                stoppedByCorruptGzip = true
                atEnd = true
            }
        }
    }

    /// Records the first line of the gzip member being decoded when a new one began: its start is in the unconsumed
    /// buffer then, so its line is the last consumed line plus the newlines before it.
    private mutating func noteGzipMemberStart() {
        guard let start = reader.currentGzipMemberStart, start != memberStart.offset, start >= consumed else { return }
        let before = min(Int(start - consumed), buffer.count)
        memberStart = (start, lineNumber + Self.newlines(in: buffer[..<before]) + 1)
    }

    /// The newlines in `bytes`, found with `memchr`.
    private static func newlines(in bytes: ArraySlice<UInt8>) -> Int64 {
        bytes.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            var count: Int64 = 0
            var start = 0
            while start < bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
                count += 1
                start = base.distance(to: UnsafeRawPointer(found)) + 1
            }
            return count
        }
    }

    mutating func fill(atLeast count: Int) throws(IngestError) {
        while buffer.count < count, !atEnd { try fill() }
    }

    /// What resuming at an earlier run's checkpoint found.
    enum Resumption: Equatable {
        /// The content before the checkpoint is what that run read: this run reads on from there.
        case resumed
        /// The file holds other content before the checkpoint: another file that begins the same way, or this one
        /// truncated and rewritten. Read it as a new file.
        case differs
        /// A gzip file still being written (logrotate compressing it now) does not reach the checkpoint yet.
        case notThereYet
        /// The file ends before the checkpoint: most likely a copy (copytruncate's) that ended before the lines
        /// already read, which adds nothing. A file truncated and rewritten shorter than what was read cannot be told
        /// from such a copy, and is read only once it grows past the checkpoint.
        case shorter
    }

    /// Skips content an earlier run already consumed, `lines` lines up to `offset` — a seek for a plain file,
    /// decoding for gzip — and checks that the bytes before `offset` are `tail`, what that run read last.
    mutating func skip(to offset: Int64, lines: Int64, expectingTail tail: [UInt8]?) throws(IngestError) -> Resumption {
        let tailLength = Int64(tail?.count ?? 0)
        if !reader.isGzip, offset - tailLength > consumed + Int64(buffer.count), offset <= reader.size {
            buffer.removeAll(keepingCapacity: true)
            reader.seek(to: offset - tailLength)
            consumed = offset - tailLength
            atEnd = false
        }
        while consumed + Int64(buffer.count) < offset, !atEnd {
            keepTail(of: buffer[...])
            // Counted so that a gzip member starting in what is skipped gets its first line's number right.
            lineNumber += Self.newlines(in: buffer[...])
            consumed += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
            try fill()
        }
        let skippable = min(Int(offset - consumed), buffer.count)
        keepTail(of: buffer[..<skippable])
        lineNumber = lines
        buffer.removeFirst(skippable)
        consumed += Int64(skippable)
        checkpointOffset = consumed
        checkpointTail = consumedTail
        if consumed < offset {
            return reader.isGzip && reader.incompleteGzipReason() != nil ? .notThereYet : .shorter
        }
        guard let tail else { return .resumed }
        return consumedTail.suffix(tail.count).elementsEqual(tail) ? .resumed : .differs
    }

    /// Adds consumed bytes to the rolling tail.
    private mutating func keepTail(of bytes: ArraySlice<UInt8>) {
        let length = SourceFile.tailLength
        if bytes.count >= length {
            consumedTail = Array(bytes.suffix(length))
        } else {
            consumedTail.append(contentsOf: bytes)
            if consumedTail.count > 2 * length { consumedTail.removeFirst(consumedTail.count - length) }
        }
    }

    /// The bytes just before the checkpoint, at most ``SourceFile/tailLength``.
    private var tailAtCheckpoint: [UInt8] {
        Array(checkpointTail.suffix(SourceFile.tailLength))
    }

    /// Consumes complete lines until `batch` is full or the file ends, encoding a row or a rejection
    /// for each, and records in it the checkpoint its lines bring the file to.
    mutating func fill(_ batch: inout FileBatch, parser: LineParser) throws(IngestError) {
        encoder.begin(&batch.requests)
        batch.rejections.removeAll(keepingCapacity: true)
        batch.lines = 0
        batch.records = 0
        batch.rejected = 0
        batch.blank = 0
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
            keepTail(of: buffer[..<taken])
            buffer.removeFirst(taken)
            consumed += Int64(taken)
            if taken > 0 {
                checkpointOffset = consumed
                checkpointTail = consumedTail
            }
            // Only a buffer with no complete line in it is one oversized line: a full batch leaves
            // complete lines behind for the next batch, however many bytes they add up to.
            if buffer.count > options.maxLineLength, !hasCompleteLine {
                if oversizedLineHead == nil { oversizedLineHead = Array(buffer.prefix(200)) }
                keepTail(of: buffer[...])
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
            keepTail(of: content[...])
            consumed += Int64(content.count)
            checkpointOffset = consumed
            checkpointTail = consumedTail
            buffer.removeAll()
        }
        batch.checkpointOffset = checkpointOffset
        batch.checkpointTail = tailAtCheckpoint
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
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) {
            batch.blank += 1
            return
        }
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccessLog
import GRDB
import Gzip
import Storage

/// One pass over one file: its content buffer, how far it has been consumed, and the line-by-line
/// work of turning complete lines into rows.
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
    private var attribution = RequestAttributor.Memory()

    struct BatchCounts {
        var lines: Int64 = 0
        var records: Int64 = 0
        var rejected: Int64 = 0
    }

    init(reader: LogFileReader, options: IngestOptions) {
        self.reader = reader
        self.options = options
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

    /// Skips content an earlier run already consumed: a seek for a plain file, decoding for gzip.
    mutating func skip(to offset: Int64) throws(IngestError) {
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

    /// Consumes complete lines until a batch is full or the file ends, inserting a row or a rejection
    /// for each.
    mutating func processBatch(parser: LineParser, file: SourceFile, db: Database) throws -> BatchCounts {
        let inserter = try RequestInserter(in: db)
        let fileID = file.id!
        var counts = BatchCounts()
        while true {
            let taken = try buffer.withUnsafeBytes { content throws -> Int in
                var start = 0
                while start < content.count,
                    let newline = memchr(content.baseAddress! + start, Int32(UInt8(ascii: "\n")), content.count - start)
                {
                    let end = content.baseAddress!.distance(to: UnsafeRawPointer(newline))
                    counts.lines += 1
                    let number = file.lines + counts.lines
                    if let head = oversizedLineHead {
                        counts.rejected += 1
                        try reject(number: number, reason: "line is longer than \(options.maxLineLength) bytes; not loaded", text: head, fileID: fileID, db: db)
                        oversizedLineHead = nil
                    } else {
                        try consume(UnsafeRawBufferPointer(rebasing: content[start..<end]), number: number, parser: parser, inserter: inserter, fileID: fileID, counts: &counts, db: db)
                    }
                    start = end + 1
                }
                return start
            }
            buffer.removeFirst(taken)
            consumed += Int64(taken)
            if taken > 0 { checkpointOffset = consumed }
            if buffer.count > options.maxLineLength {
                if oversizedLineHead == nil { oversizedLineHead = Array(buffer.prefix(200)) }
                consumed += Int64(buffer.count)
                buffer.removeAll(keepingCapacity: true)
            }
            // A cancelled task (SIGTERM) commits what this batch has read so far and stops.
            if counts.lines >= options.linesPerTransaction || atEnd || Task.isCancelled { break }
            try fill()
        }
        if atEnd, !buffer.isEmpty, oversizedLineHead == nil, isComplete {
            counts.lines += 1
            try buffer.withUnsafeBytes { content in
                try consume(content, number: file.lines + counts.lines, parser: parser, inserter: inserter, fileID: fileID, counts: &counts, db: db)
            }
            consumed += Int64(buffer.count)
            checkpointOffset = consumed
            buffer.removeAll()
        }
        return counts
    }

    /// Whether the file's end is final: a gzip file whose last member is complete. A plain file may
    /// still be appended to, so its unterminated last line waits for its newline.
    var isComplete: Bool {
        reader.isGzip && !stoppedByCorruptGzip && reader.incompleteGzipReason() == nil
    }

    private mutating func consume(
        _ line: UnsafeRawBufferPointer, number: Int64, parser: LineParser, inserter: RequestInserter,
        fileID: Int64, counts: inout BatchCounts, db: Database
    ) throws {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { return }
        do {
            try parser.parse(line)
        } catch {
            counts.rejected += 1
            try reject(number: number, reason: error.reason, text: Array(line.prefix(4096)), fileID: fileID, db: db)
            return
        }
        let (route, target) = options.attributor.attribute(parser, memory: &attribution)
        try inserter.insert(parser, fileID: fileID, line: number, route: route, target: target)
        counts.records += 1
    }

    private func reject(number: Int64, reason: String, text: [UInt8], fileID: Int64, db: Database) throws {
        try RequestDatabase.insertRejectedLine(fileID: fileID, line: number, reason: reason, text: String(decoding: text, as: UTF8.self), in: db)
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccessLog
import Foundation
import GRDB
package import Platform
package import Storage

/// Reads access-log files into the request database, each line exactly once.
///
/// A file is identified by its first KiB of content, so a renamed or compressed file is recognised
/// and read on from its checkpoint; ingesting a file twice adds nothing the second time. Each
/// transaction commits a batch of rows with the file's checkpoint, so an interrupted ingest resumes
/// where its last commit ended.
package struct Ingestor: Sendable {
    package let database: RequestDatabase
    package let options: IngestOptions
    /// Stamps each checkpoint's `updated_at`, which status reports lag from.
    package let clock: any WallClock

    package init(database: RequestDatabase, options: IngestOptions, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.options = options
        self.clock = clock
    }

    /// Ingests the file at `path`, calling `progress` after every commit. Blocks the calling thread until the file
    /// is read: call it from a thread of its own (``BlockingWorker``), never from the cooperative pool.
    ///
    /// Throws when the file cannot be read at all (missing, not a log, the database refuses to record it). A
    /// failure once rows were committed — a full disk, a read error mid-file — returns the summary of what was
    /// committed with ``IngestSummary/failure`` set: the lines before it are stored, and ingesting again resumes.
    ///
    /// Another process ingesting the same file into the same database moves its checkpoint; when a
    /// commit finds that, this run starts over from the new checkpoint instead of storing lines twice.
    ///
    /// - Parameter shouldStop: asked after every commit; `true` stops there, with everything read so far committed.
    ///   By default, whether the calling task was cancelled (SIGTERM, SIGINT in a service group).
    package func ingest(
        path: String, progress: (IngestProgress) -> Void = { _ in }, shouldStop: () -> Bool = { Task.isCancelled }
    ) throws(IngestError) -> IngestSummary {
        var alreadyIngested: Int64?
        while true {
            switch try ingestOnce(path: path, progress: progress, shouldStop: shouldStop) {
            case .finished(var summary):
                summary.alreadyIngestedLines = alreadyIngested ?? summary.alreadyIngestedLines
                return summary
            case .checkpointMoved(let linesBefore):
                alreadyIngested = alreadyIngested ?? linesBefore
            }
        }
    }

    /// How one pass over a file ended.
    private enum Pass {
        case finished(IngestSummary)
        /// Another process committed lines of this file since this pass read its checkpoint: start over from the
        /// new one. `linesBefore`: the lines stored when this pass began.
        case checkpointMoved(linesBefore: Int64)
    }

    private func ingestOnce(path: String, progress: (IngestProgress) -> Void, shouldStop: () -> Bool) throws(IngestError) -> Pass {
        var reader = try LogFileReader(path: path)
        var run = FileRun(reader: reader, options: options)
        try run.fill(atLeast: 64 * 1024)
        guard !run.buffer.isEmpty else {
            var summary = IngestSummary(path: path, format: "-", formatDetected: false)
            summary.warnings = run.warnings + (run.warnings.isEmpty ? ["empty file, nothing to read"] : [])
            return .finished(summary)
        }
        // Until its first line is complete, a new file's few bytes could pass for the start of another
        // file's head (every line starts with a timestamp); wait for the newline before deciding.
        guard run.buffer.contains(UInt8(ascii: "\n")) || run.atEnd && run.isComplete else {
            return .finished(IngestSummary(path: path, format: "-", formatDetected: false))
        }
        let head = Data(run.buffer.prefix(SourceFile.headLength))
        let sample = Array(run.buffer.prefix(64 * 1024))
        let candidates = try read(of: path) { db in try database.sourceFiles(withHead: head, in: db) }
        // A file read before is the candidate whose content before its checkpoint is still what was read; the
        // others only begin the same way. One that ends before its checkpoint (copytruncate's copy) is that file
        // only if no other candidate is.
        var known: SourceFile?
        var shorterThan: SourceFile?
        var lookalikes: [String] = []
        for candidate in candidates {
            switch try run.skip(to: candidate.offset, lines: candidate.lines, expectingTail: candidate.tail.map(Array.init)) {
            case .resumed:
                known = candidate
            case .notThereYet:
                return .finished(IngestSummary(path: path, format: candidate.format, formatDetected: false))
            case .shorter:
                shorterThan = shorterThan ?? candidate
            case .differs:
                lookalikes.append(candidate.path)
            }
            if known != nil { break }
            reader = try LogFileReader(path: path)
            run = FileRun(reader: reader, options: options)
            try run.fill(atLeast: 64 * 1024)
        }
        if known == nil, let copied = shorterThan {
            var summary = IngestSummary(path: path, format: copied.format, formatDetected: false)
            summary.warnings = ["the file is shorter than the \(copied.offset) bytes read from \(copied.path), which it begins like (a copy of it, or truncated?); nothing new was read"]
            return .finished(summary)
        }
        // The preset a file was read with before reads the rest of it, so `--format auto` stays consistent.
        let (format, detected) = try chooseFormat(for: sample, path: path, knownAs: known.flatMap { FormatPreset(rawValue: $0.format) })
        let recorded = try write(of: path) { db -> SourceFile? in
            if let known {
                // Another process may have read on since the lookup: then start over from its checkpoint.
                guard let id = known.id, var stored = try SourceFile.fetchOne(db, key: id), stored.offset == known.offset,
                    stored.lines == known.lines
                else { return nil }
                stored.path = path
                if stored.head.count < head.count { stored.head = head }
                try stored.update(db)
                return stored
            }
            // Another process may have recorded this content since the lookup: then start over and resume it.
            guard try database.sourceFiles(withHead: head, in: db).map(\.id) == candidates.map(\.id) else { return nil }
            var file = SourceFile(head: head, path: path, format: format.name)
            try file.insert(db)
            return file
        }
        guard var file = recorded else { return .checkpointMoved(linesBefore: known?.lines ?? 0) }
        var summary = IngestSummary(path: path, format: format.name, formatDetected: detected)
        summary.alreadyIngestedLines = file.lines
        if known == nil, !lookalikes.isEmpty {
            summary.warnings.append(
                "begins like \(lookalikes.joined(separator: ", ")), read before, but holds other content: read as a new file from its first line"
            )
        }
        let totalBytes = reader.size
        let pipeline = IngestPipeline(run: run, format: format)
        defer { pipeline.stop() }
        var inserter = RequestInserter()
        let identityWarnings = summary.warnings
        var readWarnings: [String] = []
        reading: while true {
            let message = pipeline.next()
            // Consumed, so that the batch handed back is the only reference to its buffers and the
            // reading thread refills them in place instead of copying them.
            switch consume message {
            case .batch(let batch):
                let committed: Bool
                do {
                    committed = try commit(batch, of: &file, inserter: &inserter, path: path)
                } catch {
                    return .finished(stopped(summary, by: error, file: &file))
                }
                guard committed else {
                    return .checkpointMoved(linesBefore: file.lines)
                }
                summary.lines += batch.lines
                summary.records += batch.records
                summary.rejected += batch.rejected
                summary.blank += batch.blank
                readWarnings += batch.warnings
                summary.warnings = identityWarnings + readWarnings
                progress(IngestProgress(path: path, bytesRead: batch.bytesRead, totalBytes: totalBytes, lines: summary.lines))
                pipeline.recycle(consume batch)
                // A stop (SIGTERM, SIGINT) takes effect after the batch in hand is committed.
                if shouldStop() { break reading }
            case .finished(let warnings):
                summary.warnings = identityWarnings + warnings
                break reading
            case .failed(let error):
                return .finished(stopped(summary, by: error, file: &file))
            }
        }
        let lastError = readWarnings.last
        if lastError != file.lastError {
            file.lastError = lastError
            do {
                try database.write { db in try file.update(db) }
            } catch {
                throw IngestError.database(path: path, StorageError(error, operation: .write, path: database.path))
            }
        }
        return .finished(summary)
    }

    /// Writes `batch` and the checkpoint it brings `file` to in one transaction: both or neither.
    ///
    /// Returns `false`, writing nothing, when the stored checkpoint is no longer the one the batch continues:
    /// another process read on meanwhile (the write transaction is IMMEDIATE, so this read sees every commit
    /// before it).
    private func commit(_ batch: FileBatch, of file: inout SourceFile, inserter: inout RequestInserter, path: String) throws(IngestError) -> Bool {
        var updated = file
        let committed: Bool
        do {
            committed = try database.write { db in
                guard let fileID = updated.id, let stored = try SourceFile.fetchOne(db, key: fileID), stored.offset == updated.offset,
                    stored.lines == updated.lines
                else {
                    return false
                }
                try inserter.insert(batch.requests, fileID: fileID, in: db)
                for rejection in batch.rejections {
                    try RequestDatabase.insertRejectedLine(
                        fileID: fileID, line: rejection.line, reason: rejection.reason, text: rejection.text, in: db
                    )
                }
                updated.offset = batch.checkpointOffset
                updated.tail = Data(batch.checkpointTail)
                updated.compressedOffset = batch.bytesRead
                updated.lines += batch.lines
                updated.records += batch.records
                updated.rejected += batch.rejected
                updated.updatedAt = clock.now
                try updated.update(db)
                return true
            }
        } catch {
            throw IngestError.database(path: path, StorageError(error, operation: .write, path: database.path))
        }
        if committed { file = updated }
        return committed
    }

    /// `summary` of what was committed before `error` stopped the run, with the error recorded as the file's last
    /// error for `status` where the database still takes it (a full disk may refuse that too).
    private func stopped(_ summary: IngestSummary, by error: IngestError, file: inout SourceFile) -> IngestSummary {
        var summary = summary
        summary.failure = error
        var failed = file
        failed.lastError = error.description
        if (try? database.write({ db in try failed.update(db) })) != nil { file = failed }
        return summary
    }

    /// A read transaction, its failure an ingest error of `path`.
    private func read<T>(of path: String, _ body: (Database) throws -> T) throws(IngestError) -> T {
        do {
            return try database.pool.read(body)
        } catch {
            throw IngestError.database(path: path, StorageError(error, operation: .read("looking up files read before"), path: database.path))
        }
    }

    /// A write transaction, its failure an ingest error.
    private func write<T>(of path: String, _ body: (Database) throws -> T) throws(IngestError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw IngestError.database(path: path, StorageError(error, operation: .write, path: database.path))
        }
    }

    private func chooseFormat(for content: [UInt8], path: String, knownAs known: FormatPreset?) throws(IngestError) -> (LogFormat, detected: Bool) {
        switch options.format {
        case .fixed(let format):
            return (format, false)
        case .auto:
            let sample = content.split(separator: UInt8(ascii: "\n"), maxSplits: options.detectionSampleLines, omittingEmptySubsequences: true)
                .prefix(options.detectionSampleLines)
                .map(Array.init)
            let detection = FormatDetector.detect(sample: sample)
            // A file read before keeps its preset; detecting again (50 lines) recovers its wrappers and trailing
            // fields, which the stored preset name does not carry.
            if let known {
                if let detection, detection.preset == known { return (detection.format, true) }
                return (LogFormat(preset: known), true)
            }
            guard let detection else {
                let presets = FormatPreset.allCases.map(\.rawValue).joined(separator: ", ")
                throw IngestError.unknownFormat(path: path, detail: "no preset (\(presets)) parses any of its first \(sample.count) lines")
            }
            return (detection.format, true)
        }
    }
}

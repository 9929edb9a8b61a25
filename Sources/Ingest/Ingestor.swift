#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccessLog
import Foundation
import GRDB
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

    package init(database: RequestDatabase, options: IngestOptions) {
        self.database = database
        self.options = options
    }

    /// Ingests the file at `path`, calling `progress` after every commit.
    ///
    /// Another process ingesting the same file into the same database moves its checkpoint; when a
    /// commit finds that, this run starts over from the new checkpoint instead of storing lines twice.
    package func ingest(path: String, progress: (IngestProgress) -> Void = { _ in }) throws(IngestError) -> IngestSummary {
        var alreadyIngested: Int64?
        while true {
            do {
                var summary = try ingestOnce(path: path, progress: progress)
                summary.alreadyIngestedLines = alreadyIngested ?? summary.alreadyIngestedLines
                return summary
            } catch .checkpointMoved(let linesBefore) {
                alreadyIngested = alreadyIngested ?? linesBefore
            }
        }
    }

    private func ingestOnce(path: String, progress: (IngestProgress) -> Void) throws(IngestError) -> IngestSummary {
        let reader = try LogFileReader(path: path)
        var run = FileRun(reader: reader, options: options)
        try run.fill(atLeast: 64 * 1024)
        guard !run.buffer.isEmpty else {
            var summary = IngestSummary(path: path, format: "-", formatDetected: false)
            summary.warnings = run.warnings + (run.warnings.isEmpty ? ["empty file, nothing to read"] : [])
            return summary
        }
        // Until its first line is complete, a new file's few bytes could pass for the start of another
        // file's head (every line starts with a timestamp); wait for the newline before deciding.
        guard run.buffer.contains(UInt8(ascii: "\n")) || run.atEnd && run.isComplete else {
            return IngestSummary(path: path, format: "-", formatDetected: false)
        }
        let head = Data(run.buffer.prefix(SourceFile.headLength))
        // One lookup of the head both recognises a file read before and gives the preset it was read with,
        // so `--format auto` reads the rest of it the same way.
        var file: SourceFile
        var format: LogFormat
        var detected: Bool
        do {
            (file, format, detected) = try database.write { db in
                let known = try database.sourceFile(withHead: head, in: db)
                let (format, detected) = try chooseFormat(for: run.buffer, path: path, knownAs: known.flatMap { FormatPreset(rawValue: $0.format) })
                if var known {
                    known.path = path
                    if known.head.count < head.count { known.head = head }
                    try known.update(db)
                    return (known, format, detected)
                }
                var file = SourceFile(head: head, path: path, format: format.name)
                try file.insert(db)
                return (file, format, detected)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError.database(path: path, reason: "\(error)")
        }
        var summary = IngestSummary(path: path, format: format.name, formatDetected: detected)
        summary.alreadyIngestedLines = file.lines
        try run.skip(to: file.offset, lines: file.lines)
        let totalBytes = reader.size
        let pipeline = IngestPipeline(run: run, format: format)
        defer { pipeline.stop() }
        var inserter = RequestInserter()
        var readWarnings: [String] = []
        reading: while true {
            let message = pipeline.next()
            // Consumed, so that the batch handed back is the only reference to its buffers and the
            // reading thread refills them in place instead of copying them.
            switch consume message {
            case .batch(let batch):
                try commit(batch, of: &file, inserter: &inserter, path: path)
                summary.lines += batch.lines
                summary.records += batch.records
                summary.rejected += batch.rejected
                readWarnings += batch.warnings
                summary.warnings = readWarnings
                progress(IngestProgress(path: path, bytesRead: batch.bytesRead, totalBytes: totalBytes, lines: summary.lines))
                pipeline.recycle(consume batch)
                // A cancelled task (SIGTERM, SIGINT) stops after the batch in hand is committed.
                if Task.isCancelled { break reading }
            case .finished(let warnings):
                summary.warnings = warnings
                break reading
            case .failed(let error):
                throw error
            }
        }
        let lastError = readWarnings.last
        if lastError != file.lastError {
            file.lastError = lastError
            do {
                try database.write { db in try file.update(db) }
            } catch {
                throw IngestError.database(path: path, reason: "\(error)")
            }
        }
        return summary
    }

    /// Writes `batch` and the checkpoint it brings `file` to in one transaction: both or neither.
    ///
    /// Throws ``IngestError/checkpointMoved(linesBefore:)`` when the stored checkpoint is no longer the one
    /// the batch continues (the write transaction is IMMEDIATE, so this read sees every commit before it).
    private func commit(_ batch: FileBatch, of file: inout SourceFile, inserter: inout RequestInserter, path: String) throws(IngestError) {
        var updated = file
        do {
            try database.write { db in
                guard let stored = try SourceFile.fetchOne(db, key: updated.id), stored.offset == updated.offset, stored.lines == updated.lines else {
                    throw IngestError.checkpointMoved(linesBefore: updated.lines)
                }
                try inserter.insert(batch.requests, fileID: updated.id!, in: db)
                for rejection in batch.rejections {
                    try RequestDatabase.insertRejectedLine(
                        fileID: updated.id!, line: rejection.line, reason: rejection.reason, text: String(decoding: rejection.text, as: UTF8.self), in: db
                    )
                }
                updated.offset = batch.checkpointOffset
                updated.lines += batch.lines
                updated.records += batch.records
                updated.rejected += batch.rejected
                updated.updatedAt = Int64(Date().timeIntervalSince1970 * 1000)
                try updated.update(db)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError.database(path: path, reason: "\(error)")
        }
        file = updated
    }

    private func chooseFormat(for content: [UInt8], path: String, knownAs known: FormatPreset?) throws(IngestError) -> (LogFormat, detected: Bool) {
        switch options.format {
        case .fixed(let format):
            return (format, false)
        case .auto:
            if let known { return (LogFormat(preset: known), true) }
            let sample = content.split(separator: UInt8(ascii: "\n"), maxSplits: options.detectionSampleLines, omittingEmptySubsequences: true)
                .prefix(options.detectionSampleLines)
                .map(Array.init)
            guard let detection = FormatDetector.detect(sample: sample) else {
                let presets = FormatPreset.allCases.map(\.rawValue).joined(separator: ", ")
                throw IngestError.unknownFormat(path: path, detail: "no preset (\(presets)) parses any of its first \(sample.count) lines")
            }
            return (LogFormat(preset: detection.preset), true)
        }
    }
}

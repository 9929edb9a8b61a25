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
    package func ingest(path: String, progress: (IngestProgress) -> Void = { _ in }) throws(IngestError) -> IngestSummary {
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
        let (format, detected) = try chooseFormat(for: run.buffer, path: path, knownAs: try? knownFormat(ofHead: head))
        var file: SourceFile
        do {
            file = try database.write { db in
                if var known = try database.sourceFile(withHead: head, in: db) {
                    known.path = path
                    if known.head.count < head.count { known.head = head }
                    try known.update(db)
                    return known
                }
                var file = SourceFile(head: head, path: path, format: format.name)
                try file.insert(db)
                return file
            }
        } catch {
            throw IngestError.database(path: path, reason: "\(error)")
        }
        var summary = IngestSummary(path: path, format: format.name, formatDetected: detected)
        summary.alreadyIngestedLines = file.lines
        try run.skip(to: file.offset)
        let parser = LineParser(format: format)
        var more = true
        while more {
            do {
                more = try database.write { db in
                    // Another process ingesting the same file moves its checkpoint; carry on from there
                    // instead of storing its lines again (the write transaction is IMMEDIATE, so this read
                    // sees every commit before ours).
                    guard let stored = try SourceFile.fetchOne(db, key: file.id) else {
                        throw IngestError.concurrentIngest(path: path)
                    }
                    if stored.offset != file.offset || stored.lines != file.lines {
                        guard stored.offset > file.offset, stored.lines > file.lines else {
                            throw IngestError.concurrentIngest(path: path)
                        }
                        try run.skip(to: stored.offset)
                        summary.alreadyIngestedLines += stored.lines - file.lines
                        file = stored
                    }
                    let batch = try run.processBatch(parser: parser, file: file, db: db)
                    file.offset = run.checkpointOffset
                    file.lines += batch.lines
                    file.records += batch.records
                    file.rejected += batch.rejected
                    file.updatedAt = Int64(Date().timeIntervalSince1970 * 1000)
                    try file.update(db)
                    summary.lines += batch.lines
                    summary.records += batch.records
                    summary.rejected += batch.rejected
                    // A cancelled task (SIGTERM, SIGINT) stops after the batch in hand is committed.
                    return !run.atEnd && !Task.isCancelled
                }
            } catch let error as IngestError {
                throw error
            } catch {
                throw IngestError.database(path: path, reason: "\(error)")
            }
            progress(IngestProgress(path: path, bytesRead: reader.bytesRead, totalBytes: reader.size, lines: summary.lines))
        }
        summary.warnings = run.finalWarnings()
        let lastError = run.warnings.last
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

    /// The preset a file was read with before, so `--format auto` reads the rest of it the same way.
    private func knownFormat(ofHead head: Data) throws -> FormatPreset? {
        try database.pool.read { db in try database.sourceFile(withHead: head, in: db) }.flatMap { FormatPreset(rawValue: $0.format) }
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

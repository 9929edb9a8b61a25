import AccessLog
import ArgumentParser
import Foundation
import Ingest

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print each access-log record as one JSON object per line.",
        discussion: """
            Keys: start_time (RFC 3339, UTC, ms), method, path, protocol, status, flags, details, bytes_received, bytes_sent, duration_ms, upstream_service_time_ms, x_forwarded_for, user_agent, request_id, authority, upstream_host, upstream_cluster, route_name, tcp, and extra (operators or keys RouteLens does not model). Absent values are null.

            Rejected lines go to standard error as FILE:LINE: REASON, with a count at the end. Gzip files are read transparently. With no FILE, standard input is read; --format auto detects its format from its first lines, as for files.

            Example: routelens parse --format istio access.log.2.gz | jq 'select(.status >= 500)'
            """
    )

    @OptionGroup var formatOptions: FormatOptions

    @Argument(help: "Log files, plain or gzip; '-' or none for standard input.")
    var files: [String] = []

    /// How many of a file's first non-empty lines `--format auto` samples, as ingest does.
    static let sampleLines = 50

    mutating func run() throws {
        let choice = try formatOptions.choice()
        var output = StandardOutput()
        let records = JSONLineBuffer(capacity: (1 << 20) + (1 << 16))
        var counts = Counts()
        var failedFiles = 0
        for path in files.isEmpty ? ["-"] : files {
            do {
                try parse(path, choice: choice, records: records, output: &output, counts: &counts)
            } catch let error as IngestError {
                // One unreadable file (missing, a directory, no known format) does not stop the others.
                output.write(records, force: true)
                printError("error: \(error)")
                failedFiles += 1
            }
        }
        output.write(records, force: true)
        printError("\(counts.records) records, \(counts.rejected) rejected")
        if failedFiles > 0 { throw ExitCode.failure }
    }

    struct Counts {
        var records = 0
        var rejected = 0
    }

    /// Parses one file in a single pass: with `--format auto`, its first lines are held until the
    /// format is detected from them, so standard input, which cannot be read twice, is detected too.
    private func parse(
        _ path: String, choice: IngestOptions.FormatChoice, records: JSONLineBuffer, output: inout StandardOutput, counts: inout Counts
    ) throws {
        var parser: LineParser?
        if case .fixed(let format) = choice { parser = LineParser(format: format) }
        var sample: [(line: [UInt8], number: Int64)] = []

        func emit(_ line: UnsafeRawBufferPointer, _ number: Int64, _ parser: LineParser) {
            if line.isEmpty { return }
            do {
                try parser.parse(line)
                parser.appendJSONLine(to: records)
                output.write(records)
                counts.records += 1
            } catch {
                counts.rejected += 1
                printError("\(path):\(number): \(error)")
            }
        }

        func detect() throws -> LineParser {
            let detection = FormatDetector.detect(sample: sample.map(\.line))
            guard let detection else {
                throw IngestError.unknownFormat(path: path, detail: "no preset parses any of its first \(sample.count) lines")
            }
            let format = detection.format
            let wrapped = format.wrappers.isEmpty ? "" : ", inside \(format.wrappers.map(\.rawValue).joined(separator: " > "))"
            printError("\(path): format \(format.name)\(wrapped) (parsed \(detection.parsed) of the first \(detection.sampled) lines)")
            let parser = LineParser(format: format)
            for held in sample {
                held.line.withUnsafeBytes { emit($0, held.number, parser) }
            }
            sample = []
            return parser
        }

        let warnings = try LogLines.forEach(inFile: path) { line, number in
            if let parser {
                emit(line, number, parser)
                return
            }
            guard !line.isEmpty else { return }
            sample.append((Array(line), number))
            if sample.count >= Self.sampleLines { parser = try detect() }
        }
        if parser == nil { parser = try detect() }
        for warning in warnings { printError("\(path): \(warning)") }
    }
}

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

            Rejected lines go to standard error as FILE:LINE: REASON, with a count at the end. Gzip files are read transparently. With no FILE, standard input is read.

            Example: routelens parse --format istio access.log.2.gz | jq 'select(.status >= 500)'
            """
    )

    @OptionGroup var formatOptions: FormatOptions

    @Argument(help: "Log files, plain or gzip; '-' or none for standard input.")
    var files: [String] = []

    mutating func run() throws {
        let choice = try formatOptions.choice()
        var records = 0
        var rejected = 0
        var output = StandardOutput()
        for path in files.isEmpty ? ["-"] : files {
            let format: LogFormat
            switch choice {
            case .fixed(let fixed):
                format = fixed
            case .auto:
                let (detected, sample) = try detectFormat(path)
                format = detected
                printError("\(path): format \(format.name) (parsed \(sample))")
            }
            let parser = LineParser(format: format)
            let warnings = try LogLines.forEach(inFile: path) { line, number in
                if line.isEmpty { return }
                do {
                    try parser.parse(line)
                    output.write(parser.record().jsonLine)
                    records += 1
                } catch {
                    rejected += 1
                    printError("\(path):\(number): \(error)")
                }
            }
            for warning in warnings { printError("\(path): \(warning)") }
        }
        output.flush()
        printError("\(records) records, \(rejected) rejected")
    }

    /// Detection reads the file's first lines; standard input cannot be read twice, so it needs a format.
    private func detectFormat(_ path: String) throws -> (LogFormat, String) {
        guard path != "-" else {
            throw ValidationError("--format auto needs files to sample; name the format with --format when reading standard input")
        }
        var sample: [[UInt8]] = []
        _ = try? LogLines.forEach(inFile: path) { line, _ in
            if !line.isEmpty { sample.append(Array(line)) }
            if sample.count >= 50 { throw SampleComplete() }
        }
        guard let detection = FormatDetector.detect(sample: sample) else {
            throw IngestError.unknownFormat(path: path, detail: "no preset parses any of its first \(sample.count) lines")
        }
        return (LogFormat(preset: detection.preset), "\(detection.parsed) of the first \(detection.sampled) lines")
    }

    private struct SampleComplete: Error {}
}

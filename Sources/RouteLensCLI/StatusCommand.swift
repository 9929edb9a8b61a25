import ArgumentParser
import Follow
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every tracked log file: checkpoint, lines, rejected lines, lag and last error.",
        discussion: "lag_bytes is what the file now at the path holds beyond the checkpoint (plain files; gzip files are read whole once complete). lag_seconds is the time since the last checkpoint while bytes wait. size and lag are empty when the path now holds other content or nothing."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("table or json.", valueName: "format"))
    var output: OutputFormat = .table

    func run() throws {
        let files = try TrackedFileStatus.all(in: database.open())
        switch output {
        case .json:
            struct Report: Encodable { var files: [TrackedFileStatus] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Report(files: files)), as: UTF8.self))
        case .table, .csv:
            var table = TextTable(
                header: ["path", "fingerprint", "format", "offset", "lines", "records", "rejected", "lag_bytes", "lag_s", "last_error"],
                numericColumns: [3, 4, 5, 6, 7, 8]
            )
            for file in files {
                table.rows.append([
                    file.path, file.fingerprint, file.format, "\(file.offset)", "\(file.lines)", "\(file.records)", "\(file.rejected)",
                    file.lagBytes.map(String.init) ?? "-", file.lagSeconds.map { String(format: "%.1f", $0) } ?? "-", file.lastError ?? "",
                ])
            }
            print(output == .csv ? table.csv : table.aligned)
        }
    }
}

import ArgumentParser
import ClickHouse
import Follow
import Foundation
import Rendering

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every tracked log file: checkpoint, lines, rejected lines, lag and last error.",
        discussion: "lag_bytes is what the file now at the path holds beyond the checkpoint: content bytes for plain files, compressed bytes for gzip files. lag_seconds is the time since the last checkpoint while bytes wait. size and lag are empty when the path now holds other content or nothing. When the database ships to ClickHouse, the table also shows each destination's rows not yet acknowledged (JSON: routelens clickhouse status --json)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("table, json, csv or ndjson.", valueName: "format"))
    var output: OutputFormat = .table

    func run() throws {
        let opened = try database.openForReading()
        print(try StatusReport(files: TrackedFileStatus.all(in: opened)).rendered(as: output))
        guard output == .table else { return }
        for lag in try ShippedWatermark.lags(in: opened) {
            print(ClickHouseCommand.Status.describe(lag))
        }
    }
}

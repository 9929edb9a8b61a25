package import AccessLog

/// How files are read into the database.
package struct IngestOptions: Sendable {
    package enum FormatChoice: Sendable {
        /// Per file, the preset that parses most of its first lines.
        case auto
        case fixed(LogFormat)
    }

    package var format: FormatChoice
    package var attributor: RequestAttributor
    /// Lines per transaction: each commit carries its rows and the file's checkpoint together. Small
    /// enough that SIGTERM, honoured between commits, stops a debug build under load within a second or
    /// two; WAL commits cost no fsync, so the benchmark shows no loss against 50,000.
    package var linesPerTransaction = 10_000
    /// Longer lines are rejected without being held in memory whole.
    package var maxLineLength = 1 << 20
    /// How many lines `--format auto` samples.
    package var detectionSampleLines = 50

    package init(format: FormatChoice, attributor: RequestAttributor) {
        self.format = format
        self.attributor = attributor
    }
}

/// What ingesting one file did.
package struct IngestSummary: Sendable {
    package var path: String
    /// The format the file was read with: a preset name, `custom` or `custom-json`.
    package var format: String
    /// Whether the format was chosen by `--format auto`.
    package var formatDetected: Bool
    /// Lines read in this run (lines ingested earlier are skipped, not counted).
    package var lines: Int64 = 0
    package var records: Int64 = 0
    package var rejected: Int64 = 0
    /// Empty lines (or only spaces): `records + rejected + blank == lines`.
    package var blank: Int64 = 0
    /// Lines already in the database from an earlier run, skipped.
    package var alreadyIngestedLines: Int64 = 0
    /// Why part of the file was not read: a corrupt or truncated gzip member, an unterminated last line.
    package var warnings: [String] = []
    /// What stopped the run before the file's end, after the lines counted here were committed.
    package var failure: IngestError?

    package init(path: String, format: String, formatDetected: Bool) {
        self.path = path
        self.format = format
        self.formatDetected = formatDetected
    }
}

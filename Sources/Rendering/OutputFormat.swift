/// How a report is printed: the forms every report has.
package enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal, with a caption saying what the answer covers.
    case table
    /// One JSON document: stable keys, for scripts; the HTTP endpoint serves the same bytes.
    case json
    /// RFC 4180 CSV with a header row: the table's columns, numbers unformatted.
    case csv
    /// One JSON object per table row, keyed by the table's column names: for jq, Vector, Logstash.
    case ndjson
}

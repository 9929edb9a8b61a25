/// A report that has a JSON form (its `Encodable` conformance) and a tabular one, so it prints in every
/// ``OutputFormat``.
package protocol TabularReport: Encodable {
    /// The report's rows under its JSON keys as column names.
    var table: ReportTable { get }
}

extension TabularReport {
    /// The report printed as `format` asks.
    package func rendered(as format: OutputFormat) throws -> String {
        switch format {
        case .json: try ReportJSON.string(self)
        case .csv: table.csv
        case .table: table.aligned
        case .ndjson: table.ndjson
        }
    }
}

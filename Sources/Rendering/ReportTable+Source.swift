package import Reports

extension ReportTable {
    /// Says what the answer was read from in every form: `method` and `resolution` columns on every row (CSV and
    /// NDJSON rows stand alone) and a sentence in the caption.
    package mutating func state(_ source: ReportSource) {
        columns += [Column("method"), Column("resolution")]
        for index in rows.indices {
            rows[index].cells += [.text(source.method.rawValue), .text(source.resolution)]
        }
        caption = [caption, source.sentence].compactMap { $0 }.joined(separator: "\n")
    }
}

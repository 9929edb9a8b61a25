package import Follow

/// `routelens status`: every tracked file.
package struct StatusReport: Sendable, Equatable, Encodable, TabularReport {
    package var files: [TrackedFileStatus]

    package init(files: [TrackedFileStatus]) {
        self.files = files
    }

    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("path"), .init("fingerprint"), .init("format"), .init("offset", numeric: true), .init("lines", numeric: true),
                .init("records", numeric: true), .init("rejected", numeric: true), .init("lag_bytes", numeric: true),
                .init("lag_seconds", numeric: true), .init("last_error"),
            ]
        )
        for file in files {
            table.rows.append(
                ReportTable.Row([
                    .text(file.path), .text(file.fingerprint), .text(file.format), .integer(file.offset), .integer(file.lines), .integer(file.records),
                    .integer(file.rejected), file.lagBytes.map(ReportTable.Cell.integer) ?? .missing,
                    file.lagSeconds.map(ReportTable.Cell.decimal) ?? .missing, file.lastError.map(ReportTable.Cell.text) ?? .text(""),
                ])
            )
        }
        return table
    }
}

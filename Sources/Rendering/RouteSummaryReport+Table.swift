package import Reports

extension RouteSummaryReport: TabularReport {
    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("route"), .init("target"), .init("requests", numeric: true), .init("health_checks", numeric: true),
                .init("tcp_records", numeric: true), .init("first_minute"), .init("last_minute"),
            ]
        )
        for row in routes {
            table.rows.append(ReportTable.Row([
                .text(row.route), row.target.map(ReportTable.Cell.text) ?? .missing, .integer(Int64(row.requests)), .integer(Int64(row.healthChecks)),
                .integer(Int64(row.tcpRecords)), row.firstMinute.map(ReportTable.Cell.text) ?? .missing,
                row.lastMinute.map(ReportTable.Cell.text) ?? .missing,
            ]))
        }
        table.caption = routes.isEmpty
            ? "the database holds no requests: ingest a log first"
            : "raw rows from \(rawFrom ?? "-") to \(rawTo ?? "-") (older minutes live on in rollups)"
        return table
    }
}

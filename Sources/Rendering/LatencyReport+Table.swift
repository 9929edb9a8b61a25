package import Reports

extension LatencyReport: TabularReport {
    package var table: ReportTable {
        let approximate = routes.contains { $0.approximate == true }
        var table = ReportTable(
            columns: scope.groupColumns + ["requests", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms"].map { ReportTable.Column($0, numeric: true) }
                + (approximate ? [ReportTable.Column("approximate")] : [])
        )
        for row in routes {
            table.rows.append(
                ReportTable.Row(
                    scope.groupCells(route: row.route, target: row.target, operation: row.operation)
                        + [Int64(row.requests), row.p50, row.p90, row.p95, row.p99, row.max].map(ReportTable.Cell.integer)
                        + (approximate ? [.text(row.approximate == true ? "true" : "false")] : [])
                )
            )
        }
        if approximate {
            table.caption = "approximate: rows marked true include minutes rolled up by --retain-raw; their percentiles come from histograms (at most 1.6% high)"
        }
        return table
    }
}

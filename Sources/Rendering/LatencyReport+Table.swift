package import Reports

extension LatencyReport: TabularReport {
    package var table: ReportTable {
        var table = ReportTable(
            columns: scope.groupColumns + ["requests", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms"].map { ReportTable.Column($0, numeric: true) }
        )
        for row in routes {
            table.rows.append(
                ReportTable.Row(
                    scope.groupCells(route: row.route, target: row.target, operation: row.operation)
                        + [Int64(row.requests), row.p50, row.p90, row.p95, row.p99, row.max].map(ReportTable.Cell.integer)
                )
            )
        }
        table.state(ReportSource(method: method, resolution: resolution, widened: widened))
        return table
    }
}

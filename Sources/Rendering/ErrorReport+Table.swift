package import Reports

extension ErrorReport: TabularReport {
    package var table: ReportTable {
        var table = ReportTable(
            columns: scope.groupColumns + ["requests", "errors_5xx", "errors_4xx", "error_rate", "errors_5xx_local", "errors_5xx_upstream"].map { ReportTable.Column($0, numeric: true) }
        )
        for row in routes {
            table.rows.append(
                ReportTable.Row(
                    scope.groupCells(route: row.route, target: row.target, operation: row.operation) + [
                        .integer(Int64(row.requests)), .integer(Int64(row.errors5xx)), .integer(Int64(row.errors4xx)), .fraction(row.errorRate),
                        .integer(Int64(row.errors5xxLocal)), .integer(Int64(row.errors5xxUpstream)),
                    ]
                )
            )
        }
        var caption = "requests from \(from ?? "-") to \(to ?? "-")"
        let notCounted = [
            (leftOut.healthChecks, "health checks (--health-checks)"),
            (leftOut.traffic, "requests that are not health checks"),
            (leftOut.otherSide, "Istio \(scope.side == .inbound ? "outbound" : "inbound") sidecar lines (--side)"),
        ]
        .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !notCounted.isEmpty { caption += "; not counted: " + notCounted.joined(separator: ", ") }
        table.caption = caption
        table.state(ReportSource(method: method, resolution: resolution, widened: widened))
        return table
    }
}

extension ReportScope {
    /// The columns that name a report row's group: route, then target and operation when grouped by them.
    var groupColumns: [ReportTable.Column] {
        (["route"] + (byTarget ? ["target"] : []) + (byOperation ? ["operation"] : [])).map { ReportTable.Column($0) }
    }

    /// The cells under ``groupColumns``.
    func groupCells(route: String, target: String?, operation: String?) -> [ReportTable.Cell] {
        [.text(route)] + (byTarget ? [target.map(ReportTable.Cell.text) ?? .missing] : [])
            + (byOperation ? [operation.map(ReportTable.Cell.text) ?? .missing] : [])
    }
}

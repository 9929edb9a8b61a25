package import Reports

extension SplitReport: TabularReport {
    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("route"), .init("from", perGroup: true), .init("to", perGroup: true), .init("target"),
                .init("weight", numeric: true), .init("expected_share", numeric: true), .init("observed_share", numeric: true),
                .init("requests", numeric: true), .init("ci95_low", numeric: true), .init("ci95_high", numeric: true),
                .init("p_value", numeric: true, perGroup: true), .init("max_deviation_pp", numeric: true, perGroup: true),
                .init("verdict", perGroup: true),
            ]
        )
        for route in routes {
            for (index, target) in route.targets.enumerated() {
                table.rows.append(
                    ReportTable.Row(
                        [
                            .text(route.route), route.from.map(ReportTable.Cell.text) ?? .missing, route.to.map(ReportTable.Cell.text) ?? .missing,
                            .text(target.target), .integer(Int64(target.weight)), .fraction(target.expectedShare), .fraction(target.observedShare),
                            .integer(Int64(target.requests)), target.ci95Low.map(ReportTable.Cell.fraction) ?? .missing,
                            target.ci95High.map(ReportTable.Cell.fraction) ?? .missing, .probability(route.pValue), .decimal(route.maxDeviationPP),
                            .text(route.verdict),
                        ],
                        startsGroup: index == 0
                    )
                )
            }
        }
        if routes.isEmpty {
            table.caption = "no route with two or more weighted targets; ingest with --routes or record them with routes import"
        }
        table.state(ReportSource(method: method, resolution: resolution, widened: widened))
        return table
    }
}

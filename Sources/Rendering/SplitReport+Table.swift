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
        let untestable = routes.compactMap { route in route.reason.map { "\(route.route)\(route.from.map { " from \($0)" } ?? ""): \($0)" } }
        if !untestable.isEmpty {
            table.caption = (table.caption.map { $0 + "\n" } ?? "") + "untestable: " + untestable.joined(separator: "; ")
        }
        let leftOut = routes.compactMap(\.leftOutExplanation)
        if !leftOut.isEmpty {
            table.caption = (table.caption.map { $0 + "\n" } ?? "") + "left out of the test: " + leftOut.joined(separator: "; ")
        }
        table.state(ReportSource(method: method, resolution: resolution, widened: widened))
        return table
    }
}

extension SplitReport.Route {
    /// What this segment's test left out and why, or `nil` when it left nothing out.
    var leftOutExplanation: String? {
        guard noTarget + otherTargets > 0 else { return nil }
        var parts: [String] = []
        let unclaimed = noTargetWithUpstreamHost
        if noTarget - unclaimed > 0 { parts.append("\(noTarget - unclaimed) reached no upstream (NR, UH, local replies)") }
        if unclaimed > 0 {
            parts.append("\(unclaimed) reached an upstream host no target claims (give --routes a host map: an EndpointSlice dump or hosts)")
        }
        if otherTargets > 0 { parts.append("\(otherTargets) went to targets these weights do not list") }
        return "\(route)\(from.map { " from \($0)" } ?? ""): " + parts.joined(separator: ", ")
    }
}

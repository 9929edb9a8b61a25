package import Reports

extension IncidentReport: TabularReport {
    /// One row per route and minute; the caption gives each route's onset, recovery, baseline and comparison.
    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("route", perGroup: true), .init("onset", perGroup: true), .init("recovery", perGroup: true), .init("minute"),
                .init("requests", numeric: true), .init("errors_5xx", numeric: true), .init("error_rate", numeric: true),
                .init("p50_ms", numeric: true), .init("p99_ms", numeric: true), .init("flags"), .init("codes"), .init("failing_hosts"), .init("bad"),
            ]
        )
        func counts(_ counts: [String: Int]) -> ReportTable.Cell {
            counts.isEmpty ? .missing : .text(counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key):\($0.value)" }.joined(separator: " "))
        }
        for route in routes {
            for (index, minute) in route.minutes.enumerated() {
                table.rows.append(ReportTable.Row(
                    [
                        .text(route.route), route.onset.map(ReportTable.Cell.text) ?? .missing, route.recovery.map(ReportTable.Cell.text) ?? .missing,
                        .text(minute.minute), .integer(Int64(minute.requests)), .integer(Int64(minute.errors5xx)), .fraction(minute.errorRate),
                        minute.p50.map(ReportTable.Cell.integer) ?? .missing, minute.p99.map(ReportTable.Cell.integer) ?? .missing, counts(minute.flags),
                        counts(minute.codes), minute.failingHosts.isEmpty ? .missing : .text(minute.failingHosts.joined(separator: " ")),
                        .text(minute.bad ? "bad" : ""),
                    ],
                    startsGroup: index == 0
                ))
            }
        }
        let lines = routes.map { route in
            let what = route.onset.map { "incident from \($0) to \(route.recovery ?? "the end of the window")" } ?? "no incident"
            let rate = { (value: Double) in ReportTable.display(.fraction(value)) }
            return "\(route.route): \(what); baseline 5xx \(rate(route.baselineErrorRate)); a day before \(rate(route.dayBefore.errorRate)) of "
                + "\(route.dayBefore.requests), a week before \(rate(route.weekBefore.errorRate)) of \(route.weekBefore.requests)"
        }
        table.caption = (["minutes from \(from) to \(to); counts exact (minute rollups), percentiles from histograms; codes, hosts and request ids from raw rows"] + lines)
            .joined(separator: "\n")
        return table
    }
}

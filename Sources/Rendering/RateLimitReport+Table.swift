package import Reports

extension RateLimitReport: TabularReport {
    /// One row per route and throttled client; a route nobody was throttled on has one row without a client.
    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("route"), .init("requests", numeric: true, perGroup: true), .init("throttled", numeric: true, perGroup: true), .init("client"),
                .init("client_throttled", numeric: true), .init("client_requests", numeric: true),
            ]
        )
        for route in routes {
            let head: [ReportTable.Cell] = [.text(route.route), .integer(Int64(route.requests)), .integer(Int64(route.throttled))]
            if route.clients.isEmpty { table.rows.append(ReportTable.Row(head + [.missing, .missing, .missing])) }
            for (index, client) in route.clients.enumerated() {
                table.rows.append(ReportTable.Row(
                    head + [.text(client.client), .integer(Int64(client.throttled)), .integer(Int64(client.requests))], startsGroup: index == 0
                ))
            }
        }
        table.caption = "throttled: status 429 or response flag RL/RLSE; client: the first X-Forwarded-For address"
        table.state(ReportSource(method: method, resolution: resolution))
        return table
    }
}

package import Reports

extension RequestListing: TabularReport {
    package var table: ReportTable {
        var table = ReportTable(
            columns: [
                .init("start_time"), .init("route"), .init("target"), .init("method"), .init("path"), .init("status", numeric: true), .init("flags"),
                .init("details"), .init("duration_ms", numeric: true), .init("bytes_received", numeric: true), .init("bytes_sent", numeric: true),
                .init("upstream_host"), .init("x_forwarded_for"), .init("request_id"),
            ]
        )
        func text(_ value: String?) -> ReportTable.Cell { value.map(ReportTable.Cell.text) ?? .missing }
        func integer(_ value: Int64?) -> ReportTable.Cell { value.map(ReportTable.Cell.integer) ?? .missing }
        for request in requests {
            table.rows.append(ReportTable.Row([
                text(request.startTime), .text(request.route), text(request.target), text(request.method), text(request.path),
                integer(request.status.map(Int64.init)), text(request.flags), text(request.details), integer(request.durationMs),
                integer(request.bytesReceived), integer(request.bytesSent), text(request.upstreamHost), text(request.forwardedFor), text(request.requestID),
            ]))
        }
        table.caption = "\(requests.count) requests, newest first (raw rows: requests older than --retain-raw are not listed)"
        return table
    }
}

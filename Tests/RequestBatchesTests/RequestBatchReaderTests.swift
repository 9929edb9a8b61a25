import AccessLog
import Testing

@testable import RequestBatches

@Suite("Reading batches back for sinks other than SQLite")
struct RequestBatchReaderTests {
    let parser = LineParser(format: LogFormat(preset: .envoy))
    let lines = [
        #"[2026-11-26T10:00:00.000Z] "GET /orders/7 HTTP/1.1" 503 UF 0 10 7 - "-" "curl/8" "598a4ace-20e1-4342-a789-7060e036774a" "shop" "10.0.0.2:80""#,
        #"[2026-11-26T10:00:01.000Z] "POST /cart HTTP/2" 200 - 12 34 5 4 "203.0.113.9" "kube-probe/1.29" "r-2" "shop" "-""#,
    ]

    @Test("Every field of every row reads back as the line logged it, with its attribution, across batches")
    func roundTrip() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        var reader = RequestBatchReader()
        var read: [AttributedRequest] = []
        for (index, line) in lines.enumerated() {
            encoder.begin(&batch)
            let attribution = RequestAttribution(route: "orders", target: index == 0 ? "orders-v2" : nil, isHealthCheck: index == 1)
            try Array(line.utf8).withUnsafeBytes { bytes in
                try parser.parse(bytes)
                encoder.append(parser, line: Int64(index + 1), attribution: attribution, to: &batch)
            }
            reader.learn(batch)
            read.append(try #require(reader.request(0, of: batch)))
        }
        #expect(read[0] == AttributedRequest(
            line: 1, startTime: 1_795_687_200_000, status: 503, bytesReceived: 0, bytesSent: 10, durationMs: 7, upstreamServiceTimeMs: nil,
            attribution: RequestAttribution(route: "orders", target: "orders-v2"), isTCP: false,
            method: "GET", protocol: "HTTP/1.1", flags: "UF", details: nil, authority: "shop", upstreamCluster: nil, routeName: nil,
            userAgent: "curl/8", upstreamHost: "10.0.0.2:80", path: "/orders/7", forwardedFor: nil,
            requestID: "598a4ace-20e1-4342-a789-7060e036774a"
        ))
        #expect(read[1] == AttributedRequest(
            line: 2, startTime: 1_795_687_201_000, status: 200, bytesReceived: 12, bytesSent: 34, durationMs: 5, upstreamServiceTimeMs: 4,
            attribution: RequestAttribution(route: "orders", isHealthCheck: true), isTCP: false,
            method: "POST", protocol: "HTTP/2", flags: nil, details: nil, authority: "shop", upstreamCluster: nil, routeName: nil,
            userAgent: "kube-probe/1.29", upstreamHost: nil, path: "/cart", forwardedFor: "203.0.113.9", requestID: "r-2"
        ))
    }

    @Test("A row whose labels the reader was never shown is nil, not a guess")
    func unknownLabels() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        try Array(lines[0].utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            encoder.append(parser, line: 1, attribution: RequestAttribution(route: "orders"), to: &batch)
        }
        #expect(RequestBatchReader().request(0, of: batch) == nil)
    }
}

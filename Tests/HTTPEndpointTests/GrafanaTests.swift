import Foundation
import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Testing

/// The simPod JSON data source at /grafana answers with the fixture's numbers, within Grafana's point budget.
@Suite("Grafana data source")
struct GrafanaTests {
    /// 10:00 to 10:06 on the fixture's day, as Grafana sends a range.
    static let range = #"{"from":"2026-11-26T10:00:00.000Z","to":"2026-11-26T10:06:00.000Z"}"#

    func query(_ targets: String, intervalMs: Int = 60_000, maxDataPoints: Int = 100, filters: String = "[]") async throws -> (HTTPResponse.Status, [[String: Any]]) {
        let body = #"{"range":\#(Self.range),"intervalMs":\#(intervalMs),"maxDataPoints":\#(maxDataPoints),"targets":\#(targets),"adhocFilters":[],"filters":\#(filters)}"#
        return try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: body)) { response in
                let array = (try? JSONSerialization.jsonObject(with: Data(response.text.utf8))) as? [[String: Any]] ?? []
                return (response.status, array)
            }
        }
    }

    static func points(_ series: [String: Any]) -> [[Double]] {
        (series["datapoints"] as? [[Double]]) ?? []
    }

    @Test("requests per minute by target add up to the route's requests, one point per minute")
    func requestsByTarget() async throws {
        let (status, series) = try await query(#"[{"refId":"A","target":"requests","payload":{"route":"orders-canary","by":"target"}}]"#)
        #expect(status == .ok)
        #expect(series.map { $0["target"] as? String } == [
            "requests orders-canary (no target)", "requests orders-canary orders-v1", "requests orders-canary orders-v2",
        ])
        let v1 = Self.points(series[1])
        let minutes: [Double] = (0..<6).map { minute in Double(1_795_687_200_000 as Int64 + Int64(minute) * 60_000) }
        #expect(v1.map { $0[1] } == minutes)
        #expect(v1.map { $0[0] } == [203, 188, 215, 201, 213, 24])
        #expect(series.flatMap(Self.points).reduce(0) { $0 + $1[0] } == 1328)
    }

    @Test("Never more points than maxDataPoints, however small intervalMs")
    func maxDataPoints() async throws {
        let (status, series) = try await query(#"[{"target":"rps"}]"#, intervalMs: 1, maxDataPoints: 4)
        #expect(status == .ok)
        #expect(!series.isEmpty)
        for one in series { #expect(Self.points(one).count <= 4) }
        // 4 points over 6 minutes: intervals of 2 minutes (120,000 ms), requests / 120 s.
        let catalog = series.first { $0["target"] as? String == "rps catalog" }.map(Self.points) ?? []
        #expect(catalog.count == 3)
        #expect((catalog.reduce(0) { $0 + $1[0] } * 120).rounded() == 782)
    }

    @Test("latency_p99 per interval is the nearest-rank p99 of that interval's durations")
    func latency() async throws {
        let (status, series) = try await query(#"[{"target":"latency_p99","payload":{"route":"catalog"}}]"#)
        #expect(status == .ok)
        #expect(series.count == 1)
        #expect(Self.points(series[0]).map { $0[0] } == [65, 63, 45, 65, 59, 51])
    }

    @Test("split_expected_share is each target's configured share; split_table is the split report as a table")
    func split() async throws {
        let (_, expected) = try await query(#"[{"target":"split_expected_share","payload":{"route":"orders-canary"}}]"#)
        #expect(expected.map { $0["target"] as? String } == ["split_expected_share orders-canary orders-v1", "split_expected_share orders-canary orders-v2"])
        #expect(Set(Self.points(expected[0]).map { $0[0] }) == [0.8])
        let (_, tables) = try await query(#"[{"target":"split_table","payload":{"route":"orders-canary"}}]"#)
        #expect(tables.first?["type"] as? String == "table")
        let rows = tables.first?["rows"] as? [[Any]] ?? []
        #expect(rows.count == 2)
        #expect(rows.first?[3] as? String == "orders-v1")
        #expect(rows.first?[10] as? String == "ok")
    }

    @Test("An ad-hoc filter on route narrows every target of the query")
    func adHocFilter() async throws {
        let (_, series) = try await query(#"[{"target":"errors_5xx"}]"#, filters: #"[{"key":"route","operator":"=","value":"payments"}]"#)
        #expect(series.map { $0["target"] as? String } == ["errors_5xx payments"])
        #expect(Self.points(series[0]).reduce(0) { $0 + $1[0] } == 17)
    }

    @Test("An unknown metric or a reversed range is a 400 that says what exists")
    func badQueries() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            let unknown = #"{"range":\#(Self.range),"targets":[{"target":"qps"}]}"#
            try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: unknown)) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["error"] as? String == "no metric qps")
                #expect((response.object["hint"] as? String)?.contains("srm_p_value") == true)
            }
            let reversed = #"{"range":{"from":"2026-11-26T10:06:00Z","to":"2026-11-26T10:00:00Z"},"targets":[{"target":"rps"}]}"#
            try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: reversed)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["error"] as? String == "the request body is not the JSON expected")
            }
        }
    }

    @Test("A body over the size limit is refused with 413")
    func bodyLimit() async throws {
        var limits = EndpointConfiguration.Limits()
        limits.bodyBytes = 100
        try await FixtureDatabase.endpoint(limits: limits).application.test(.router) { client in
            let body = #"{"range":\#(Self.range),"targets":[{"target":"rps","refId":"\#(String(repeating: "A", count: 200))"}]}"#
            try await client.execute(uri: "/grafana/query", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.object["error"] as? String == "the request body is larger than 100 bytes")
            }
        }
    }

    @Test("Metrics, variables and tag values name what the database holds")
    func listings() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/grafana/metrics", method: .post, body: ByteBuffer(string: "{}")) { response in
                let metrics = (try? JSONSerialization.jsonObject(with: Data(response.text.utf8))) as? [[String: Any]] ?? []
                #expect(metrics.compactMap { $0["value"] as? String }.contains("srm_p_value"))
                #expect(metrics.count == 13)
            }
            try await client.execute(uri: "/grafana/variable", method: .post, body: ByteBuffer(string: #"{"payload":{"target":"routes"}}"#)) { response in
                #expect(response.text.contains(#""__value":"orders-canary""#))
            }
            try await client.execute(uri: "/grafana/tag-values", method: .post, body: ByteBuffer(string: #"{"key":"target"}"#)) { response in
                #expect(response.text.contains(#"{"text":"payments-green"}"#))
            }
        }
    }
}

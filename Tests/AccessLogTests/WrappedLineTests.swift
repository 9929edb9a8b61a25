import Foundation
import Testing
@testable import AccessLog

/// Lines inside container runtimes' records or behind tools' prefixes are unwrapped into the access-log
/// line, by detection.
@Suite("Wrapped lines")
struct WrappedLineTests {
    static let envoyLine = #"[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80""#
    static let escapedEnvoyLine = envoyLine.replacingOccurrences(of: "\"", with: "\\\"")

    func parsed(_ line: String, _ format: LogFormat = LogFormat(preset: .envoy)) throws -> (AccessRecord, [LineWrapper]) {
        let parser = LineParser(format: format)
        return try Array(line.utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            return (parser.record(), parser.unwrappedBy)
        }
    }

    @Test("A Docker json-file record's log, with its escapes undone and its newline dropped, is the line")
    func dockerJSONFile() throws {
        let line = #"{"log":"\#(Self.escapedEnvoyLine)\n","stream":"stdout","time":"2026-11-20T10:00:00.000000001Z"}"#
        let (record, wrappers) = try parsed(line)
        #expect(record.path == "/api/v1/locations")
        #expect(record.upstreamHost == "tcp://10.0.2.1:80")
        #expect(wrappers == [.jsonRecord])
    }

    @Test("A Vector or Fluent Bit record with the line under message is unwrapped")
    func messageKey() throws {
        let line = #"{"kubernetes":{"pod_name":"gw-1"},"message":"\#(Self.escapedEnvoyLine)","source_type":"kubernetes_logs"}"#
        let (record, _) = try parsed(line)
        #expect(record.status == 204)
        #expect(record.userAgent == "nsq2http")
    }

    @Test("A CRI full record (tag F) is unwrapped")
    func criFull() throws {
        let (record, wrappers) = try parsed("2026-11-20T10:00:00.000000001Z stdout F " + Self.envoyLine)
        #expect(record.durationMilliseconds == 226)
        #expect(wrappers == [.cri])
    }

    @Test("A CRI partial record (tag P) is rejected, saying the runtime split the line")
    func criPartial() {
        let line = "2026-11-20T10:00:00.000000001Z stdout P " + String(Self.envoyLine.prefix(60))
        #expect(rejection(line, LogFormat(preset: .envoy))?.contains("CRI partial record") == true)
    }

    @Test("stern's pod and container prefix, and Emissary's ACCESS prefix, are skipped")
    func toolPrefixes() throws {
        #expect(try parsed("gateway-7d9f-x2 envoy " + Self.envoyLine).1 == [.podContainerPrefix])
        #expect(try parsed("ACCESS " + Self.envoyLine).1 == [.accessPrefix])
    }

    @Test("Detection keeps the wrappers, so each line of the file is unwrapped directly")
    func detectionKeepsWrappers() throws {
        let line = "2026-11-20T10:00:00.000000001Z stdout F ACCESS " + Self.envoyLine
        let detection = try #require(FormatDetector.detect(sample: [Array(line.utf8)]))
        #expect(detection.preset == .envoy)
        #expect(detection.wrappers == [.cri, .accessPrefix])
        let (record, wrappers) = try parsed(line, detection.format)
        #expect(record.requestID == "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2")
        #expect(wrappers == [.cri, .accessPrefix])
    }

    @Test("An application's line inside a Docker record is rejected with the inner line's reason")
    func wrappedNonAccessLine() {
        let line = #"{"log":"INFO starting server\n","stream":"stderr","time":"2026-11-20T10:00:00Z"}"#
        #expect(rejection(line, LogFormat(preset: .envoy)) == "in the JSON record's log/message: line does not start with '[' as the format requires")
    }
}

@Suite("Trailing fields, header alternates, key-less JSON")
struct FormatVariantTests {
    static let envoyLine = WrappedLineTests.envoyLine

    @Test("Envoy's default plus an appended %UPSTREAM_CLUSTER% (App Mesh) is detected, the cluster recognised")
    func appMeshCluster() throws {
        let line = Self.envoyLine + " cds_egress_shop_orders-v2_http_8080"
        let detection = try #require(FormatDetector.detect(sample: [Array(line.utf8)]))
        #expect(detection.preset == .envoy)
        #expect(detection.trailingFields == 1)
        let record = try parse(line, detection.format)
        #expect(record.upstreamCluster == "cds_egress_shop_orders-v2_http_8080")
        #expect(record.upstreamHost == "tcp://10.0.2.1:80")
        #expect(record.extra("trailing_1") == .some("cds_egress_shop_orders-v2_http_8080"))
    }

    @Test("Surplus fields are assigned left to right, one each, never glued together")
    func surplusLeftToRight() throws {
        let line = Self.envoyLine + " outbound|8080|v2|orders.shop.svc.cluster.local 10.1.2.3:8080 extra"
        let detection = try #require(FormatDetector.detect(sample: [Array(line.utf8)]))
        #expect(detection.trailingFields == 3)
        let record = try parse(line, detection.format)
        #expect(record.extras.map(\.value) == ["outbound|8080|v2|orders.shop.svc.cluster.local", "10.1.2.3:8080", "extra"])
        #expect(record.upstreamCluster == "outbound|8080|v2|orders.shop.svc.cluster.local")
    }

    @Test("A value that is not cluster-shaped stays only an extra")
    func notClusterShaped() throws {
        let record = try parse(Self.envoyLine + " default", try #require(LogFormat(preset: .envoy, trailingFields: 1)))
        #expect(record.upstreamCluster == nil)
        #expect(record.extra("trailing_1") == .some("default"))
    }

    @Test("An Istio line with two more fields is rejected by plain Istio instead of glued into the cluster")
    func gluedClusterIsRejected() {
        let line = #"[2022-10-18T20:16:39.453Z] "- - -" 0 UF,URX - - "-" 0 0 10000 - "-" "-" "-" "-" "178.170.196.65:9092" PassthroughCluster - 178.170.196.65:9092 10.128.2.32:59026 - - - -"#
        #expect(rejection(line, LogFormat(preset: .istio)) == "%UPSTREAM_CLUSTER% would be 'PassthroughCluster - 178.170.196.65:9092': the line has more space-separated fields than the format")
    }

    @Test("REQ(A?B) names the field of whichever header RouteLens models", arguments: [
        ("%REQ(X-ENVOY-ORIGINAL-METHOD?:METHOD)%", AccessLogField.method),
        ("%REQ(X-FORWARDED-HOST?:AUTHORITY)%", .authority),
        ("%REQ(X-ORIGINAL-UA?USER-AGENT)%", .userAgent),
        ("%REQ(X-REAL-IP?X-FORWARDED-FOR)%", .forwardedFor),
        ("%REQ(X-TRACE-ID?X-REQUEST-ID)%", .requestID),
        ("%REQ(X-ORIGINAL-URI?:PATH)%", .path),
    ])
    func headerAlternates(_ format: String, _ field: AccessLogField) throws {
        let parser = LineParser(format: try LogFormat(formatString: "v=" + format))
        try Array("v=value".utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            #expect(parser.string(field) == "value")
            #expect(parser.extras.isEmpty)
        }
    }

    @Test("A JSON object with none of the access-log keys is rejected, not a request of nulls")
    func keylessJSON() {
        let reason = rejection(#"{"level":"info","msg":"listening","port":8080}"#, LogFormat(preset: .json))
        #expect(reason == "a JSON object with none of the format's access-log keys (start_time, method, path, response_code, …), so not an access-log record")
    }
}

import Foundation
import Testing
@testable import AccessLog

/// The 27 lines real Envoy, Istio, Envoy Gateway and App Mesh deployments wrote, from
/// `../shared/realworld/envoy-access-lines.tsv` (SOURCE<TAB>LINE). Each row is expected to parse into
/// the fields below, with the preset `--format auto` picks or the format its source names, or to be
/// rejected with a reason a person would accept.
@Suite("Real-world lines")
struct RealWorldLinesTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        /// 1-based row of the TSV file.
        var row: Int
        var format: Format
        /// The record's fields as ``summary(_:)`` renders them, or the rejection reason.
        var outcome: String

        enum Format: Sendable {
            /// `--format auto`: the detector must pick this preset.
            case detected(FormatPreset)
            case preset(FormatPreset)
            case formatString(String)
            case jsonKeys([String: String])
        }

        var testDescription: String { "row \(row)" }
    }

    static let expectations: [Expectation] = [
        .init(row: 1, format: .detected(.envoy), outcome: "2016-04-15T20:17:00.310Z POST /api/v1/locations HTTP/2 204 [] 154/0 226ms ust=100 xff=10.0.35.28 ua=nsq2http id=cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2 auth=locations host=tcp://10.0.2.1:80 cluster=nil route=nil"),
        .init(row: 2, format: .detected(.envoy), outcome: "2018-11-23T04:51:00.281Z GET / HTTP/1.1 200 [] 0/58 4ms ust=1 xff=nil ua=curl/7.47.0 id=f21ebd42-6770-4aa5-88d4-e56118165a7d auth=one.example.com host=172.18.0.4:80 cluster=nil route=nil"),
        .init(row: 3, format: .detected(.envoy), outcome: "2018-08-14T23:08:23.803Z GET /server_info HTTP/1.1 200 [] 0/92 6ms ust=nil xff=192.88.34.220 ua=curl/7.38.0 id=nil auth=localhost:10000 host=nil cluster=nil route=nil"),
        .init(row: 4, format: .detected(.envoy), outcome: #"2018-08-14T23:08:23.803Z GET / HTTP/1.1 200 [] 0/4521 0ms ust=nil xff=192.88.34.220 ua=USER_AGENT_I_WANT_YOU_TO_SEE" "AJ" "WAS" "HERE id=nil auth=localhost:10000 host=nil cluster=nil route=nil"#),
        .init(row: 5, format: .detected(.envoy), outcome: "2022-08-04T23:00:29.383Z GET /ping HTTP/1.1 200 [] 0/0 1ms ust=0 xff=nil ua=Envoy/HC id=05ba7454-fce2-9360-92e3-a4da997d4f44 auth=colorteller-blue.logging.local:9080 host=127.0.0.1:9080 cluster=nil route=nil"),
        .init(row: 6, format: .jsonKeys(["BlueTestLog": "%RESPONSE_CODE%", "protocol": "%PROTOCOL%"]), outcome: "nil nil nil HTTP/1.1 200 [] nil/nil nilms ust=nil xff=nil ua=nil id=nil auth=nil host=nil cluster=nil route=nil"),
        .init(row: 7, format: .formatString("BlueTestLog:%LOCAL_REPLY_BODY%:%RESPONSE_CODE%:path=%REQ(:path)%\\n"), outcome: "nil nil /ping nil 200 [] nil/nil nilms ust=nil xff=nil ua=nil id=nil auth=nil host=nil cluster=nil route=nil"),
        .init(row: 8, format: .detected(.envoy), outcome: "2023-08-18T22:15:14.085Z GET /get HTTP/1.1 200 [] 0/509 1ms ust=0 xff=10.1.3.156 ua=curl/7.86.0 id=ec7ca022-80c8-4e7c-8271-167b260bd190 auth=www.example.com host=10.102.226.25:3000 cluster=nil route=nil"),
        .init(row: 9, format: .detected(.json), outcome: "2023-08-30T19:39:16.694Z GET /get HTTP/1.1 200 [] 0/508 1ms ust=0 xff=10.1.4.12 ua=curl/7.86.0 id=df9cc5ed-8f92-4376-b045-34669dde0ea1 auth=www.example.com host=10.110.21.140:3000 cluster=httproute/default/backend/rule/0 route=httproute/default/backend/rule/0/match/0/www_example_com"),
        .init(row: 10, format: .detected(.json), outcome: "2024-08-08T00:21:14.929Z HEAD / HTTP/2 429 [RL] 0/0 1ms ust=nil xff=172.19.0.1 ua=curl/8.9.1 id=04186347-7203-41d0-8b56-965bc32ef60a auth=httpbin.example.com host=nil cluster=httproute/httpbin/httpbin/rule/0 route=httproute/httpbin/httpbin/rule/0/match/0/httpbin_example_com"),
        .init(row: 11, format: .detected(.json), outcome: "2025-08-20T23:21:58.905Z POST /v1/chat/completions HTTP/1.1 200 [] 73/302 6ms ust=nil xff=10.244.0.30 ua=curl/8.7.1 id=4000a69d-3db6-404c-8892-4f8023e008f0 auth=localhost:8888 host=10.244.0.19:8000 cluster=httproute/aibrix-system/llama2-7b-router/rule/0 route=httproute/aibrix-system/llama2-7b-router/rule/0/match/1/*"),
        .init(row: 12, format: .detected(.json), outcome: "2025-08-21T03:23:19.513Z POST /v1/chat/completions HTTP/1.1 503 [UH] 0/19 0ms ust=nil xff=10.244.0.34 ua=curl/8.7.1 id=34137566-5a0d-4835-878e-bfebcb2e67fd auth=localhost:8888 host=nil cluster=original_destination_cluster route=original_route"),
        .init(row: 13, format: .detected(.istio), outcome: "2020-11-25T21:26:18.409Z GET /status/418 HTTP/1.1 418 [] 0/135 4ms ust=4 xff=nil ua=curl/7.73.0-DEV id=84961386-6d84-929d-98bd-c5aee93b5c88 auth=httpbin:8000 host=10.44.1.27:80 cluster=outbound|8000||httpbin.foo.svc.cluster.local route=default"),
        .init(row: 14, format: .detected(.istio), outcome: "2020-11-25T21:26:18.409Z GET /status/418 HTTP/1.1 418 [] 0/135 3ms ust=1 xff=nil ua=curl/7.73.0-DEV id=84961386-6d84-929d-98bd-c5aee93b5c88 auth=httpbin:8000 host=127.0.0.1:80 cluster=inbound|8000|| route=default"),
        .init(row: 15, format: .detected(.istio), outcome: "2022-04-01T03:23:12.736Z GET /get HTTP/1.1 200 [] 0/605 4ms ust=3 xff=nil ua=curl/7.82.0-DEV id=200efb6c-82be-4760-8ab6-7b6af588d4fb auth=httpbin:8000 host=10.244.0.31:80 cluster=outbound|8000||httpbin.default.svc.cluster.local route=default"),
        .init(row: 16, format: .detected(.istio), outcome: "2022-04-01T03:23:12.738Z GET /get HTTP/1.1 200 [] 0/605 2ms ust=2 xff=nil ua=curl/7.82.0-DEV id=200efb6c-82be-4760-8ab6-7b6af588d4fb auth=httpbin:8000 host=10.244.0.31:80 cluster=inbound|80|| route=default"),
        .init(row: 17, format: .detected(.istio), outcome: "2024-06-02T13:35:27.054Z GET / HTTP/2 302 [UAEX] 0/387 16ms ust=nil xff=192.168.0.24 ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0 id=1d3ec87f-d974-4521-b5ac-23404817a56a auth=kubeflow.kubefrog.fr host=nil cluster=outbound|80||centraldashboard.kubeflow.svc.cluster.local route=nil"),
        .init(row: 18, format: .detected(.istio), outcome: "2024-06-02T13:35:27.116Z GET /realms/kubeflow/protocol/openid-connect/auth?approval_prompt=force&client_id=3d36c09c69f4742960599330d5b796a9&nonce=unbso0L930OzafqDFd6D7I_sDsTFx_1pUsHzm_j11TI&redirect_uri=https%3A%2F%2Fkubeflow.kubefrog.fr%2Foauth2%2Fcallback&response_type=code&scope=openid&state=yrD_380ezS299jLCYU4n135fR8Yhe07GQ9VNqOlf94E%3A%2F HTTP/2 404 [NR] 0/0 0ms ust=nil xff=192.168.0.24 ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0 id=0b60ced5-f525-45e5-9233-171eb33b7c95 auth=auth.kubefrog.fr host=nil cluster=nil route=nil"),
        .init(row: 19, format: .preset(.istio), outcome: "rejected: line does not start with '[' as the format requires"),
        .init(row: 20, format: .detected(.istio18), outcome: "2020-10-29T21:51:57.945Z GET /status/418 HTTP/1.1 418 [] 0/135 2ms ust=2 xff=nil ua=curl/7.69.1 id=f65c68d3-619a-44c7-a9c1-44384b3055ba auth=httpbin:8000 host=127.0.0.1:80 cluster=inbound|8000|| route=default"),
        .init(row: 21, format: .detected(.istio13), outcome: "2020-11-22T20:04:32.765Z GET /products HTTP/1.1 500 [] 0/122 11939ms ust=11933 xff=nil ua=PostmanRuntime/7.26.8 id=66fa4542-266e-9364-8447-e7d63047b344 auth=172.17.0.2:30164 host=127.0.0.1:8080 cluster=inbound|8080|http-8080|scrappers-service.default.svc.cluster.local route=default"),
        .init(row: 22, format: .detected(.istio13), outcome: "tcp 2020-11-22T20:04:33.157Z 0 4841/9845236 16230ms host=104.20.28.24:443 cluster=PassthroughCluster"),
        .init(row: 23, format: .detected(.istio13), outcome: "tcp 2020-11-22T20:04:34.472Z 0 2483/3867470 14950ms host=104.20.28.24:443 cluster=PassthroughCluster"),
        .init(row: 24, format: .detected(.istio13), outcome: "tcp 2020-05-19T19:53:38.151Z 0 2279/3059 63ms host=1.2.3.4:443 cluster=PassthroughCluster"),
        .init(row: 25, format: .detected(.json), outcome: "2019-11-19T03:27:35.402Z POST /api/prom/push HTTP/1.1 503 [UAEX] 0/31 0ms ust=nil xff=100.100.0.0 ua=Go-http-client/1.1 id=639632b6-8795-45e9-8435-fb5b07aede5e auth=loki.example.com host=nil cluster=nil route=nil"),
        .init(row: 26, format: .detected(.json), outcome: "2022-12-14T14:51:21.281Z GET /uuid HTTP/1.1 200 [] 0/47 0ms ust=0 xff=nil ua=curl/7.85.0 id=1c15c266-7e62-4dee-b5fa-cec1c83237f4 auth=traffic-splitting-httpbin-1.default.svc.cluster.local. host=10.96.207.174:80 cluster=traffic-splitting-httpbin-1.default.svc.cluster.local.-80 route=/uuid-GET"),
        .init(row: 27, format: .formatString("[%START_TIME(%d/%m/%YT%H:%M:%S%z %s)%] method=%REQ(:METHOD)% authority=%REQ(:AUTHORITY)% txId=%RESP(TID)% request=%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% alpn=%PROTOCOL% response_flag=%RESPONSE_FLAGS% ssl_protocol=%DOWNSTREAM_TLS_VERSION% ssl_cipher=%DOWNSTREAM_TLS_CIPHER% status=%RESPONSE_CODE% status_details=%RESPONSE_CODE_DETAILS% request_size=%BYTES_RECEIVED% response_size=%BYTES_SENT% envoy_request_id=%REQ(X-REQUEST-ID)% user-agent=%REQ(USER-AGENT)% xFor=%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT% x-envoy-upstream-service-time=%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% total_time_ms=%DURATION% upstream=%UPSTREAM_HOST%\\n"), outcome: "2019-12-05T16:14:53.000Z POST /StudentService/get HTTP/2 200 [UT] 84/0 15001ms ust=nil xff=nil ua=grpc-go/1.24.0 id=52220e61-e045-4dc7-bdc3-c8b5e77dd2ee auth=localhost:443 host=127.0.0.1:7000 cluster=nil route=nil"),
    ]

    static let lines: [String] = {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/realworld/envoy-access-lines.tsv").standardizedFileURL
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { String($0.split(separator: "\t", maxSplits: 1)[1]) }
    }()

    @Test("Every shared real-world line has an expectation")
    func everyLineIsCovered() {
        #expect(Self.lines.count == 27)
        #expect(Self.expectations.map(\.row) == Array(1...27))
    }

    @Test("Each real-world line parses into the right fields or is rejected with a reason", arguments: expectations)
    func realWorldLine(_ expectation: Expectation) throws {
        let line = try #require(Self.lines.dropFirst(expectation.row - 1).first)
        let format: LogFormat
        switch expectation.format {
        case .detected(let preset):
            let detection = try #require(FormatDetector.detect(sample: [Array(line.utf8)]))
            #expect(detection.preset == preset)
            format = LogFormat(preset: preset)
        case .preset(let preset):
            format = LogFormat(preset: preset)
        case .formatString(let formatString):
            format = try LogFormat(formatString: formatString)
        case .jsonKeys(let keys):
            format = try LogFormat(jsonKeys: keys.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        let outcome: String
        do {
            outcome = Self.summary(try parse(line, format))
        } catch {
            outcome = "rejected: \(error)"
        }
        #expect(outcome == expectation.outcome)
    }

    static func summary(_ record: AccessRecord) -> String {
        func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "nil" }
        let time = record.startTime.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:))
        if record.isTCP {
            return "tcp \(show(time)) \(show(record.status)) \(show(record.bytesReceived))/\(show(record.bytesSent)) \(show(record.durationMilliseconds))ms host=\(show(record.upstreamHost)) cluster=\(show(record.upstreamCluster))"
        }
        return "\(show(time)) \(show(record.method)) \(show(record.path)) \(show(record.protocol)) \(show(record.status)) [\(record.flags.joined(separator: ","))] \(show(record.bytesReceived))/\(show(record.bytesSent)) \(show(record.durationMilliseconds))ms ust=\(show(record.upstreamServiceTimeMilliseconds)) xff=\(show(record.forwardedFor)) ua=\(show(record.userAgent)) id=\(show(record.requestID)) auth=\(show(record.authority)) host=\(show(record.upstreamHost)) cluster=\(show(record.upstreamCluster)) route=\(show(record.routeName))"
    }
}

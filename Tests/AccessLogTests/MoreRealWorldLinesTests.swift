import Foundation
import Testing
@testable import AccessLog

/// The 47 further lines real deployments wrote (Contour, Gloo, Emissary, Kuma, OpenShift, Istio, Envoy
/// Gateway), from `../shared/realworld/envoy-access-lines-more.tsv` (SOURCE<TAB>FORMAT_HINT<TAB>LINE).
/// FORMAT_HINT is `auto` (the detector must find the format from the line alone), `format-string:…` or
/// `json-format:{…}` (the format the source documents). Each row must parse into the fields below, or be
/// rejected with a reason a person would accept when no reader could know its format.
@Suite("More real-world lines")
struct MoreRealWorldLinesTests {
    struct Row: Sendable {
        var hint: String
        var line: String
    }

    static let rows: [Row] = {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/realworld/envoy-access-lines-more.tsv").standardizedFileURL
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { row in
            let columns = row.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            return Row(hint: String(columns[1]), line: String(columns[2]))
        }
    }()

    /// The outcome of reading `row` as `routelens parse` would: detected, or with the documented format.
    static func outcome(_ row: Row) throws -> String {
        let format: LogFormat
        if row.hint == "auto" {
            guard let detection = FormatDetector.detect(sample: [Array(row.line.utf8)]) else {
                return "undetected; as istio: " + (rejection(row.line, LogFormat(preset: .istio)) ?? "parsed")
            }
            format = detection.format
        } else if row.hint.hasPrefix("format-string:") {
            format = try LogFormat(formatString: String(row.hint.dropFirst("format-string:".count)))
        } else {
            let object = try JSONSerialization.jsonObject(with: Data(row.hint.dropFirst("json-format:".count).utf8))
            let keys = try #require(object as? [String: String])
            format = try LogFormat(jsonKeys: keys.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        do {
            let wrappers = format.wrappers.isEmpty ? "" : " in " + format.wrappers.map(\.rawValue).joined(separator: ", ")
            return "\(format.name)\(wrappers): " + RealWorldLinesTests.summary(try parse(row.line, format))
        } catch {
            return "\(format.name) rejected: \(error)"
        }
    }

    /// Per row: the format as detected or documented (with any wrappers), then the fields as
    /// ``RealWorldLinesTests/summary(_:)`` renders them, or the rejection.
    static let expectations: [Int: String] = [
        1: #"envoy: 2024-09-26T22:50:30.159Z POST /v1/chat/completions HTTP/1.1 503 [UF] 98/173 3ms ust=nil xff=nil ua=OpenAI/Python 1.46.1 id=30dee192-a123-46e0-8236-a45417eaf02d auth=bolt:10000 host=[2607:7700:0:33:0:1:ac42:f3]:443 cluster=nil route=nil"#,
        2: #"envoy: 2024-09-26T22:50:31.077Z POST /v1/chat/completions HTTP/1.1 503 [UF] 98/173 2ms ust=nil xff=nil ua=OpenAI/Python 1.46.1 id=b2519bb7-53fa-47f2-960d-145d050a61f7 auth=bolt:10000 host=[2607:7700:0:33:0:1:ac42:f3]:443 cluster=nil route=nil"#,
        3: #"envoy: tcp 2019-04-08T16:50:12.533Z 0 87/254 4ms host=172.27.0.2:80 cluster=nil"#,
        4: #"envoy: 2019-04-08T16:16:55.931Z GET /service/1 HTTP/1.1 200 [] 0/89 5ms ust=4 xff=nil ua=curl/7.54.0 id=c219f6da-2b7f-483e-9ced-ec323d9330a9 auth=localhost:8000 host=172.27.0.3:80 cluster=nil route=nil"#,
        5: #"envoy: 2019-04-11T00:31:55.439Z GET /elastic HTTP/1.1 404 [NR] 0/0 0ms ust=nil xff=172.17.0.3 ua=curl/7.59.0 id=58436667-bf70-4fd0-9fe9-cdadadecfd55 auth=192.168.99.107:30901 host=nil cluster=nil route=nil"#,
        6: #"envoy: 2019-04-11T00:51:07.980Z GET /elastic/ HTTP/1.1 301 [] 0/0 41ms ust=39 xff=172.17.0.3 ua=curl/7.59.0 id=078d1daa-b786-4d6d-85a5-7e4366adaa19 auth=www.elastic.co host=192.168.1.10:80 cluster=nil route=nil"#,
        7: #"envoy: 2021-04-14T16:36:00.361Z GET /foo HTTP/1.1 200 [] 0/463 6ms ust=3 xff=nil ua=HTTPie/1.0.3 id=837aa8dc-344f-4faa-b7d5-c9cce1028519 auth=localhost:8080 host=127.0.0.1:8081 cluster=nil route=nil"#,
        8: #"envoy: 2024-02-06T15:18:17.437Z GET / HTTP/1.1 503 [UF] 0/91 1998ms ust=nil xff=103.67.2.26 ua=curl/8.4.0 id=d70640ec-2feb-46f8-9f63-24c44142c42e auth=example.projectcontour.io host=10.244.8.27:8080 cluster=nil route=nil"#,
        9: #"envoy: 2022-07-27T07:32:05.745Z GET /nginx HTTP/1.1 200 [] 0/387 0ms ust=0 xff=100.102.124.192 ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36 id=3000e432-8c269-4d94-bf8fss-3f9ab5a57d20 auth=nginx.test.com host=100.104.238.47:80 cluster=nil route=nil"#,
        10: #"envoy: 2022-07-27T07:48:38.280Z GET /nginxapp HTTP/1.1 404 [] 0/180 0ms ust=0 xff=100.102.124.192 ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36 id=5bdf6a1a-539f-4588-be31-e0f377dfd989 auth=nginx.test.com host=100.104.238.47:80 cluster=nil route=nil"#,
        11: #"envoy: 2020-03-17T18:39:54.919Z GET /sample-route-1 HTTP/1.1 200 [] 0/86 2ms ust=2 xff=nil ua=curl/7.54.0 id=eb5af05f-f14f-467b-994c-aeac9b5383f1 auth=35.196.131.38 host=10.52.0.54:8080 cluster=nil route=nil"#,
        12: #"custom: 2020-03-17T18:49:52.141Z GET /sample-route-1 HTTP/1.1 200 [] 0/86 1ms ust=0 xff=nil ua=curl/7.54.0 id=ff80348a-5b69-4485-ac73-73f3fe825532 auth=35.196.131.38 host=10.52.0.54:8080 cluster=nil route=nil"#,
        13: #"custom-json: nil nil nil HTTP/1.1 nil [] nil/nil 4ms ust=nil xff=nil ua=nil id=nil auth=nil host=10.52.0.54:8080 cluster=default-petstore-8080_gloo-system route=nil"#,
        14: #"envoy: 2018-03-02T04:38:27.613Z GET /fortio1/fortio/fetch/echosrv2:8080/echo HTTP/1.1 503 [] 0/57 11ms ust=10 xff=10.36.0.1 ua=istio/fortio-0.7.2 id=30725606-7fb6-9933-b0ba-9c174b5b55c8 auth=35.199.51.155 host=10.36.0.6:8080 cluster=nil route=nil"#,
        15: #"envoy: 2026-03-07T01:31:49.017Z GET /dataservice/system/device/vedges HTTP/1.1 200 [] 0/10114 127ms ust=nil xff=<Threat Actor Control Plane IP> ua=Mozilla/5.0 id=<Log ID> auth=<SD-WAN Manager IP>:8443 host=127.0.0.1:8080 cluster=nil route=nil"#,
        16: #"envoy: 2026-03-07T01:31:52.493Z GET /dataservice/template/config/running/<Device ID> HTTP/1.1 400 [] 0/134 19ms ust=nil xff=<Threat Actor Control Plane IP> ua=Mozilla/5.0 id=<Log ID> auth=<SD-WAN Manager IP>:8443 host=127.0.0.1:8080 cluster=nil route=nil"#,
        17: #"envoy in access-prefix: 2024-04-25T17:51:55.294Z GET /backend/ HTTP/1.1 200 [] 0/141 0ms ust=0 xff=192.168.0.9 ua=curl/8.4.0 id=b7ba9b4c-f4b7-47c2-9718-c23aa1465f49 auth=localhost:9001 host=192.168.96.113:80 cluster=nil route=nil"#,
        18: #"envoy in json-record, access-prefix: tcp 2019-04-06T06:20:05.972Z 0 0/0 0ms host=127.0.0.1:9200 cluster=nil"#,
        19: #"istio: 2022-06-22T10:17:14.118Z GET /status/418 HTTP/1.1 503 [UH] 0/19 1ms ust=nil xff=nil ua=curl/7.83.1-DEV id=5735b2d0-4949-9384-b082-9d4c368eb9dc auth=httpbin:8000 host=nil cluster=outbound|8000||httpbin.default.svc.cluster.local route=default"#,
        20: #"istio: 2022-09-01T09:50:40.396Z GET /favicon.ico HTTP/1.1 404 [NR] 0/0 0ms ust=nil xff=10.124.2.1 ua=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.5112.102 Safari/537.36 id=5169ae9d-b98e-9d3c-bf74-2fb5bc5102f3 auth=35.232.196.88 host=nil cluster=nil route=nil"#,
        21: #"istio: 2022-09-01T09:36:33.553Z nil nil HTTP/1.1 400 [DPE] 0/11 46ms ust=nil xff=nil ua=nil id=nil auth=nil host=nil cluster=nil route=nil"#,
        22: #"istio: 2022-09-01T13:15:09.085Z GET /reviews/0 HTTP/1.1 503 [UF] 0/145 0ms ust=nil xff=nil ua=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.5112.102 Safari/537.36 id=56446678-64f3-9fbf-9c4a-eca01fafba4d auth=reviews:9080 host=10.124.2.14:9080 cluster=inbound|9080|| route=default"#,
        23: #"istio: 2022-09-01T13:08:55.358Z GET /productpage HTTP/1.1 0 [DC] 0/0 746ms ust=nil xff=10.128.0.60 ua=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.5112.102 Safari/537.36 id=2dc64af2-bd13-9962-819e-0b72064e7909 auth=35.232.196.88 host=10.124.1.6:9080 cluster=inbound|9080|| route=default"#,
        24: #"istio: 2022-08-22T13:20:22.460Z GET /ratings/0 HTTP/1.1 200 [] 0/48 1ms ust=0 xff=nil ua=curl/7.79.1 id=72f12c1b-8a44-9a62-b28e-2296da5b1118 auth=ratings:9080 host=[2a02:cf40::7]:3000 cluster=inbound|9080|| route=default"#,
        25: #"istio: 2022-07-11T20:49:37.000Z GET /get HTTP/2 200 [] 0/2465 7ms ust=2 xff=10.48.0.1 ua=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.0.0 Safari/537.36 id=e8aa64cd-2695-4e27-9e53-6ba2b2b5a9b4 auth=httpbin.glootest.com host=10.48.0.25:80 cluster=outbound|8000||in-mesh.httpbin.svc.cluster.local route=httpbin-httpbin"#,
        26: #"istio: tcp 2024-01-27T14:15:24.881Z 0 0/0 10000ms host=10.43.0.1:27018 cluster=outbound|27018||mymongodb.somedomain"#,
        27: #"istio: 2024-01-28T08:49:59.442Z GET /hello HTTP/1.1 200 [] 0/60 823ms ust=823 xff=10.42.0.6 ua=curl/8.5.0 id=8d2adc94-7245-4054-b428-c6bfc8cad458 auth=helloworld-shadow:5000 host=10.42.0.8:5000 cluster=inbound|5000|| route=default"#,
        28: #"istio: 2024-11-14T21:30:15.488Z POST /grpc.health.v1.Health/Check HTTP/2 200 [] 5/0 7ms ust=6 xff=nil ua=tonic/0.12.3 id=51104f80-0f47-43c1-8319-c2e4f9c52041 auth=172.30.28.139:80 host=10.128.2.65:8081 cluster=outbound|80||knative-local-gateway.istio-system.svc.cluster.local route=default"#,
        29: #"istio + 2 trailing fields: tcp 2022-10-18T20:16:39.453Z 0 0/0 10000ms host=178.170.196.65:9092 cluster=PassthroughCluster"#,
        30: #"istio: 2021-05-11T04:36:08.846Z GET /productpage HTTP/2 200 [] 0/5183 344ms ust=341 xff=172.20.0.0 ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.93 Safari/537.36 id=2a53e429-0fee-4b49-9609-6ac24c886b96 auth=192.168.198.154:31545 host=127.0.0.1:9080 cluster=inbound|9080|| route=default"#,
        31: #"istio: 2022-10-05T20:56:15.535Z GET / HTTP/2 200 [] 0/44 1ms ust=1 xff=10.129.0.1 ua=curl/7.68.0 id=841d47fc-a5bb-939f-b41c-2be4fca427c2 auth=simple.apps.sbc-okd.pcbltools.ru host=10.128.3.112:8080 cluster=outbound|8080||server.sbercode-654d59b9-0701-4932-a22d-bb524ae4bb5b-work.svc.cluster.local route=nil"#,
        32: #"istio-1.3: tcp 2020-09-12T13:38:23.077Z 0 0/0 1001ms host=10.1.1.24:6379 cluster=outbound|6379||redis.default.svc.cluster.local"#,
        33: #"istio-1.3: tcp 2020-12-03T10:54:15.891Z 0 0/0 10009ms host=23.21.42.25:443 cluster=outbound|443||api.ipify.org"#,
        34: #"istio-1.3: 2020-07-02T14:22:54.610Z POST /hipstershop.CurrencyService/GetSupportedCurrencies HTTP/2 200 [] 5/170 2ms ust=1 xff=nil ua=grpc-go/1.26.0 id=13453d3f-6a36-4e3a-a434-e52e1de8cac0 auth=currencyservice.hipstershopv1v2:7000 host=10.56.2.22:7000 cluster=outbound|7000||currencyservice.hipstershopv1v2.svc.cluster.local route=default"#,
        35: #"undetected; as istio: %BYTES_RECEIVED% is '"-"', expected a whole number or -"#,
        36: #"json: 2022-09-08T12:51:05.656Z GET /reviews/0 HTTP/1.1 200 [] 0/358 15ms ust=14 xff=nil ua=curl/7.79.1 id=9fcc7101-13bd-9753-98d6-820806088d9d auth=reviews:9080 host=10.124.1.5:9080 cluster=inbound|9080|| route=default"#,
        37: #"json: 2022-09-01T09:36:33.553Z nil nil HTTP/1.1 400 [DPE] 0/11 46ms ust=nil xff=nil ua=nil id=nil auth=nil host=nil cluster=nil route=nil"#,
        38: #"json: 2021-10-19T03:59:21.556Z GET / HTTP/1.1 200 [] 0/130 2ms ust=2 xff=182.148.48.147 ua=curl/7.58.0 id=4f29b224-dfd6-47c8-9eac-f3226dbd227d auth=test-pos.graspishop.com host=10.244.0.84:7001 cluster=outbound|7001|v1-0-65|ishop-pos-service.default.svc.cluster.local route=nil"#,
        39: #"json: 2023-08-28T11:59:07.644Z GET / HTTP/1.1 200 [] 0/1683 11ms ust=10 xff=nil ua=curl/8.2.1 id=66401a61-0656-4838-9d84-df03448355f9 auth=productpage:9080 host=envoy://connect_originate/10.244.1.24:9080 cluster=inbound-vip|9080|http|productpage.default.svc.cluster.local route=default"#,
        40: #"json: 2025-05-02T15:51:34.379Z GET /.well-known/matrix/server HTTP/1.1 404 [NR] 0/0 0ms ust=nil xff=31.94.8.204,10.69.1.73 ua=Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36 id=ea9b8691-e20b-4949-bd3f-a67bf465b295 auth=example.com host=nil cluster=nil route=nil"#,
        41: #"json in pod-container-prefix: 2025-11-18T19:50:09.281Z GET /version HTTP/1.1 200 [] 0/383 1ms ust=nil xff=10.19.1.82 ua=cilium/v0.0.0 (linux/amd64) kubernetes/$Format id=22ba9d1c-f883-4bc1-9319-9a9d38983276 auth=kan-test.kube.pinax.io host=100.64.2.221:6443 cluster=httproute/capi-provisioning/kan-test/rule/0 route=httproute/capi-provisioning/kan-test/rule/0/match/0/kan-test_kube_pinax_io"#,
        42: #"json: 2026-01-24T01:34:36.743Z GET / HTTP/1.1 301 [] 0/0 0ms ust=nil xff=2a02:1234:5678::5a24 ua=curl/8.10.1 id=6d6e08ba-02a3-4a26-968a-2183aa33a56d auth=example.com host=nil cluster=nil route=httproute/namespace/route-name/rule/0/match/0/*"#,
        43: #"json: 2025-03-08T02:25:32.588Z GET /get HTTP/1.1 500 [] 0/0 0ms ust=nil xff=192.168.65.4 ua=curl/8.7.1 id=54c4c2f9-d209-4aa0-8870-342bc6622d1a auth=www.example.com host=nil cluster=nil route=httproute/default/backend/rule/0/match/0/www_example_com"#,
        44: #"json: 2025-04-09T11:44:45.639Z GET / HTTP/1.1 200 [] 0/466 1ms ust=nil xff=10.244.0.12 ua=curl/7.88.1 id=ab1e4da7-5f1d-45ea-bb4a-fa1ccd03b82b auth=backend:3000 host=10.244.0.13:3000 cluster=httproute/envoy-gateway-system/backend/rule/0 route=httproute/envoy-gateway-system/backend/rule/0/match/0/backend"#,
        45: #"json: 2026-01-14T09:10:53.669Z POST /v1/projects/kivoyo/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse HTTP/1.1 200 [] 166/7248 24939ms ust=nil xff=10.42.0.13 ua=curl/8.5.0 id=1997f95e-a64d-48b5-b0b1-6e8b08a5c1e5 auth=us-central1-aiplatform.googleapis.com host=142.250.179.74:443 cluster=httproute/default/envoy-ai-gateway-fallback/rule/0 route=httproute/default/envoy-ai-gateway-fallback/rule/0/match/0/*"#,
        46: #"custom: 2025-06-04T08:54:36.673Z POST /api/key-value/counter HTTP/1.1 200 [] 28/15 2004ms ust=2004 xff=nil ua=Go-http-client/1.1 id=1f69806f-b476-4adc-b224-7450b3ca18fc auth=kv.kuma-demo.svc.cluster.local:5050 host=10.42.0.8:5050 cluster=nil route=nil"#,
        47: #"custom: tcp 2019-09-07T07:32:04.323Z nil 79/333 1ms host=127.0.0.1:11012 cluster=nil"#,
    ]

    @Test("Every shared line has an expectation")
    func everyLineIsCovered() {
        #expect(Self.rows.count == 47)
        #expect(Set(Self.expectations.keys) == Set(1...47))
    }

    @Test("Each line parses into the right fields or is rejected with a reason", arguments: 1...47)
    func line(_ row: Int) throws {
        let line = try #require(Self.rows.dropFirst(row - 1).first)
        #expect(try Self.outcome(line) == Self.expectations[row])
    }

    @Test("A preset's extra trailing fields stay extras, one per field, and a cluster-shaped one is the upstream cluster")
    func trailingFieldsAreKeptApart() throws {
        let record = try parse(Self.rows[28].line, FormatDetector.detect(sample: [Array(Self.rows[28].line.utf8)])?.format ?? LogFormat(preset: .istio))
        #expect(record.extra("trailing_1") == .some(nil))
        #expect(record.extra("trailing_2") == .some(nil))
        #expect(record.upstreamCluster == "PassthroughCluster")
    }
}

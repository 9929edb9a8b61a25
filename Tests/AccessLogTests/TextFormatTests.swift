import Testing
@testable import AccessLog

@Suite("Text formats")
struct TextFormatTests {
    let envoyLine = #"[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80""#

    @Test("Envoy's default format yields every modelled field")
    func envoyDefault() throws {
        let record = try parse(envoyLine, preset: .envoy)
        #expect(record.startTime == 1_460_751_420_310)
        #expect(record.method == "POST")
        #expect(record.path == "/api/v1/locations")
        #expect(record.protocol == "HTTP/2")
        #expect(record.status == 204)
        #expect(record.flags == [])
        #expect(record.bytesReceived == 154)
        #expect(record.bytesSent == 0)
        #expect(record.durationMilliseconds == 226)
        #expect(record.upstreamServiceTimeMilliseconds == 100)
        #expect(record.forwardedFor == "10.0.35.28")
        #expect(record.userAgent == "nsq2http")
        #expect(record.requestID == "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2")
        #expect(record.authority == "locations")
        #expect(record.upstreamHost == "tcp://10.0.2.1:80")
        #expect(record.isTCP == false)
    }

    @Test("A User-Agent containing unescaped quotes does not shift the fields after it (envoy#4191)")
    func quoteInjection() throws {
        let line = #"[2018-08-14T23:08:23.803Z] "GET / HTTP/1.1" 200 - 0 4521 0 - "192.88.34.220" "UA" "AJ" "WAS" "HERE" "-" "localhost:10000" "-""#
        let record = try parse(line, preset: .envoy)
        #expect(record.forwardedFor == "192.88.34.220")
        #expect(record.userAgent == #"UA" "AJ" "WAS" "HERE"#)
        #expect(record.requestID == nil)
        #expect(record.authority == "localhost:10000")
        #expect(record.upstreamHost == nil)
    }

    @Test("'-' is an absent value, not the string '-'")
    func dashIsAbsent() throws {
        let line = #"[2018-08-14T23:08:23.803Z] "GET /server_info HTTP/1.1" 200 - 0 92 6 - "-" "curl/7.38.0" "-" "localhost:10000" "-""#
        let record = try parse(line, preset: .envoy)
        #expect(record.upstreamServiceTimeMilliseconds == nil)
        #expect(record.forwardedFor == nil)
        #expect(record.requestID == nil)
        #expect(record.upstreamHost == nil)
    }

    @Test("Every response flag is kept, known or not")
    func responseFlags() throws {
        let line = #"[2024-01-01T00:00:00.000Z] "GET /x HTTP/1.1" 503 UF,URX,ZZNEW 0 0 5 - "-" "-" "-" "a" "-""#
        #expect(try parse(line, preset: .envoy).flags == ["UF", "URX", "ZZNEW"])
    }

    @Test("A TCP proxy line \"- - -\" is a TCP record")
    func tcpRecord() throws {
        let line = #"[2020-05-19T19:53:38.151Z] "- - -" 0 - "-" "-" 2279 3059 63 - "-" "-" "-" "-" "1.2.3.4:443" PassthroughCluster 10.0.0.93:37018 1.2.3.4:443 10.0.0.93:39849 - -"#
        let record = try parse(line, preset: .istio13)
        #expect(record.isTCP)
        #expect(record.method == nil && record.path == nil && record.protocol == nil)
        #expect(record.status == 0)
        #expect(record.bytesSent == 3059)
        #expect(record.upstreamCluster == "PassthroughCluster")
    }

    @Test("A kubectl logs --timestamps prefix is skipped")
    func kubectlPrefix() throws {
        let line = #"2020-11-22T20:04:54.223002528Z [2020-11-22T20:04:32.765Z] "GET /products HTTP/1.1" 500 - "-" "-" 0 122 11939 11933 "-" "PostmanRuntime/7.26.8" "66fa4542-266e-9364-8447-e7d63047b344" "172.17.0.2:30164" "127.0.0.1:8080" inbound|8080|http-8080|scrappers-service.default.svc.cluster.local 127.0.0.1:52034 172.18.0.10:8080 172.18.0.1:37035 - default"#
        let record = try parse(line, preset: .istio13)
        #expect(record.startTime == 1_606_075_472_765)
        #expect(record.status == 500)
        #expect(record.durationMilliseconds == 11939)
        #expect(record.routeName == "default")
    }

    @Test("Trailing spaces and carriage returns are ignored")
    func trailingWhitespace() throws {
        let line = #"[2024-06-02T13:35:27.116Z] "GET /a HTTP/2" 404 NR route_not_found - "-" 0 0 0 - "192.168.0.24" "Mozilla/5.0" "0b60ced5" "auth.kubefrog.fr" "-" - - 10.0.0.196:8443 192.168.0.24:41604 kubeflow.kubefrog.fr - "# + " \r"
        let record = try parse(line, preset: .istio)
        #expect(record.routeName == nil)
        #expect(record.flags == ["NR"])
        #expect(record.details == "route_not_found")
        #expect(record.extra("REQUESTED_SERVER_NAME") == "kubeflow.kubefrog.fr")
    }

    @Test("Unmodelled operators are kept as named extra fields")
    func extraFields() throws {
        let format = try LogFormat(formatString: "%UPSTREAM_LOCAL_ADDRESS% %REQ(X-B3-TRACEID)% %RESPONSE_CODE%")
        let record = try parse("10.0.0.1:5555 80f198ee56343ba8 200", format)
        #expect(record.extra("UPSTREAM_LOCAL_ADDRESS") == "10.0.0.1:5555")
        #expect(record.extra("REQ(X-B3-TRACEID)") == "80f198ee56343ba8")
        #expect(record.status == 200)
    }

    @Test("A non-numeric value in a numeric field rejects the line, naming the operator")
    func numericValidation() {
        let line = #"[2024-01-01T00:00:00.000Z] "GET /x HTTP/1.1" 200 - zero 0 5 - "-" "-" "-" "a" "-""#
        #expect(rejection(line, LogFormat(preset: .envoy)) == "%BYTES_RECEIVED% is 'zero', expected a whole number or -")
    }

    @Test("A line that lacks the format's opening literal is rejected with the literal it expected")
    func missingPrefix() {
        let line = #""GET /v1/status HTTP/1.1" 503 UC - "-" 0 95 0 - "-" "-" "-" "-" "-" - - - - - -"#
        #expect(rejection(line, LogFormat(preset: .istio)) == "line does not start with '[' as the format requires")
    }

    @Test("A custom format with a strftime START_TIME and key=value pairs parses")
    func customKeyValueFormat() throws {
        let format = try LogFormat(formatString: "[%START_TIME(%d/%m/%YT%H:%M:%S%z %s)%] method=%REQ(:METHOD)% status=%RESPONSE_CODE% total_time_ms=%DURATION% upstream=%UPSTREAM_HOST%")
        let record = try parse("[05/12/2019T16:14:53+0000 1575562493] method=POST status=200 total_time_ms=15001 upstream=127.0.0.1:7000", format)
        #expect(record.startTime == 1_575_562_493_000)
        #expect(record.method == "POST")
        #expect(record.durationMilliseconds == 15001)
        #expect(record.upstreamHost == "127.0.0.1:7000")
    }
}

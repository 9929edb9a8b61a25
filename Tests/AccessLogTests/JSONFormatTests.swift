import Testing
@testable import AccessLog

@Suite("JSON formats")
struct JSONFormatTests {
    let json = LogFormat(preset: .json)

    @Test("String-valued JSON (Istio) and typed JSON (Envoy Gateway) give the same record")
    func stringAndTypedValues() throws {
        let strings = try parse(#"{"response_code":"503","duration":"12","bytes_sent":"-","method":"GET","path":"/a"}"#, json)
        let typed = try parse(#"{"response_code":503,"duration":12,"bytes_sent":null,"method":"GET","path":"/a"}"#, json)
        #expect(strings == typed)
        #expect(typed.status == 503)
        #expect(typed.durationMilliseconds == 12)
        #expect(typed.bytesSent == nil)
    }

    @Test("Envoy Gateway's key names map to the same fields as Istio's")
    func envoyGatewayKeys() throws {
        let record = try parse(#"{":authority":"a.example","x-envoy-origin-path":"/p","x-request-id":"r1","user-agent":"curl","x-forwarded-for":"1.2.3.4","x-envoy-upstream-service-time":"7"}"#, json)
        #expect(record.authority == "a.example")
        #expect(record.path == "/p")
        #expect(record.requestID == "r1")
        #expect(record.userAgent == "curl")
        #expect(record.forwardedFor == "1.2.3.4")
        #expect(record.upstreamServiceTimeMilliseconds == 7)
    }

    @Test("Escapes in strings are undone, including \\u sequences and surrogate pairs")
    func escapes() throws {
        let record = try parse(#"{"user_agent":"say \"hi\" \u00e9 \ud83d\ude00","path":"/a\/b"}"#, json)
        #expect(record.userAgent == "say \"hi\" é 😀")
        #expect(record.path == "/a/b")
    }

    @Test("Unknown keys are kept as extra fields; nested values are kept as JSON text")
    func unknownKeys() throws {
        let record = try parse(#"{"method":"GET","upstream_local_address":"10.0.0.1:1","meta":{"a":[1,2]},"ok":true,"gone":null}"#, json)
        #expect(record.extra("upstream_local_address") == "10.0.0.1:1")
        #expect(record.extra("meta") == #"{"a":[1,2]}"#)
        #expect(record.extra("ok") == "true")
        #expect(record.extra("gone") == .some(nil))
    }

    @Test("A non-numeric status is rejected with its JSON path")
    func badNumber() {
        #expect(rejection(#"{"response_code":"OK"}"#, json) == "$.\"response_code\": %RESPONSE_CODE% is 'OK', expected a whole number or -")
    }

    @Test("A number where a timestamp is expected is rejected with its JSON path")
    func wrongType() {
        #expect(rejection(#"{"start_time":12}"#, json) == "$.\"start_time\": %START_TIME% must be a string, found a number")
    }

    @Test("Broken JSON is rejected with the column of the problem")
    func brokenJSON() {
        #expect(rejection(#"{"method":"GET" "path":"/"}"#, json) == "expected ',' or '}' at column 17")
        #expect(rejection(#"{"method":"GET"} trailing"#, json) == "unexpected text after the JSON object at column 18")
        #expect(rejection(#"{"method":"GET"#, json) == "unterminated string starting at column 11")
    }

    @Test("A user's json_format maps their own keys through the same operator semantics")
    func customJSONFormat() throws {
        let format = try LogFormat(jsonKeys: [("code", "%RESPONSE_CODE%"), ("took", "%DURATION%"), ("when", "%START_TIME(%s)%")])
        let record = try parse(#"{"when":"1575562493","code":200,"took":"15"}"#, format)
        #expect(record.status == 200)
        #expect(record.durationMilliseconds == 15)
        #expect(record.startTime == 1_575_562_493_000)
    }

    @Test("A json_format value that is not a single operator is refused, naming the key")
    func compositeValueRefused() {
        #expect(throws: JSONFormatError.self) {
            try LogFormat(jsonKeys: [("request", "%REQ(:METHOD)% %REQ(:PATH)%")])
        }
    }
}

import Testing
@testable import AccessLog

@Suite("Format detection")
struct FormatDetectorTests {
    @Test("The preset that parses most of the sample wins")
    func mostLinesWin() throws {
        let lines = [
            #"[2020-10-29T21:51:57.945Z] "GET /status/418 HTTP/1.1" 418 - "-" 0 135 2 2 "-" "curl/7.69.1" "f65c" "httpbin:8000" "127.0.0.1:80" inbound|8000|| 127.0.0.1:52328 10.244.0.14:80 10.244.0.13:43430 outbound_.8000_._.httpbin.default.svc.cluster.local default"#,
            "garbage",
        ].map { Array($0.utf8) }
        let detection = try #require(FormatDetector.detect(sample: lines))
        #expect(detection == .init(preset: .istio18, parsed: 1, sampled: 2))
    }

    @Test("No preset parsing any line gives no detection")
    func nothingParses() {
        #expect(FormatDetector.detect(sample: [Array("hello world".utf8)]) == nil)
    }
}

import Foundation
import Testing
@testable import AccessLog

/// `routelens parse` writes each record's JSON straight into a reused buffer; it must print exactly
/// what ``AccessRecord/jsonLine`` prints.
@Suite("JSON lines written from the parser")
struct JSONLineBytesTests {
    static func bytesAndReference(_ line: String, _ format: LogFormat) throws -> (bytes: String, reference: String) {
        let parser = LineParser(format: format)
        return try Array(line.utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            let out = JSONLineBuffer(capacity: 16)
            parser.appendJSONLine(to: out)
            return (String(decoding: out.bytes, as: UTF8.self), parser.record().jsonLine + "\n")
        }
    }

    @Test("Every real-world line that parses is written byte for byte as jsonLine writes it")
    func realWorldLines() throws {
        var compared = 0
        for row in MoreRealWorldLinesTests.rows where row.hint == "auto" {
            guard let detection = FormatDetector.detect(sample: [Array(row.line.utf8)]) else { continue }
            let (bytes, reference) = try Self.bytesAndReference(row.line, detection.format)
            #expect(bytes == reference)
            compared += 1
        }
        #expect(compared == 42)
    }

    @Test("Escapes, control characters, invalid UTF-8, non-ASCII, extras and unknown keys", arguments: [
        (#"{"start_time":"1969-12-31T23:59:59.999Z","path":"/a\"b\\c\nd\u0001\u00e9\u2028","response_code":"200","response_flags":"UF,,URX","x-b3":"q","nested":{"k":[1,2]},"n":null}"#, FormatPreset.json),
        (#"[2016-04-15T20:17:00.310Z] "GET /caf\#u{e9} HTTP/1.1" 200 - via_upstream - "-" 0 0 1 - "-" "tab\#tin ua" "-" "h" "-" outbound|80||x - a b - -"#, .istio),
    ])
    func edgeCases(_ line: String, _ preset: FormatPreset) throws {
        let (bytes, reference) = try Self.bytesAndReference(line, LogFormat(preset: preset))
        #expect(bytes == reference)
    }

    @Test("Records longer than the buffer grow it, and consecutive records follow each other")
    func growsAndAppends() throws {
        let parser = LineParser(format: LogFormat(preset: .envoy))
        let out = JSONLineBuffer(capacity: 64)
        var expected = ""
        for agent in ["curl/8", String(repeating: "\u{1}\"é", count: 3000)] {
            let line = #"[2016-04-15T20:17:00.310Z] "GET / HTTP/1.1" 200 - 0 0 1 - "-" "\#(agent)" "-" "h" "-""#
            // Values point into the line: write them while it is alive.
            try Array(line.utf8).withUnsafeBytes { bytes in
                try parser.parse(bytes)
                parser.appendJSONLine(to: out)
                expected += parser.record().jsonLine + "\n"
            }
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
    }

    @Test("Invalid UTF-8 is repaired as String(decoding:) repairs it")
    func invalidUTF8() throws {
        let parser = LineParser(format: try LogFormat(formatString: "p=%REQ(:PATH)% x=%REQ(X-Y)%"))
        let line: [UInt8] = Array("p=/a".utf8) + [0xFF, 0xC3] + Array(" x=\u{1F600}".utf8)
        try line.withUnsafeBytes { bytes in
            try parser.parse(bytes)
            let out = JSONLineBuffer(capacity: 16)
            parser.appendJSONLine(to: out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == parser.record().jsonLine + "\n")
            #expect(parser.record().path == "/a\u{FFFD}\u{FFFD}")
        }
    }

    @Test("Timestamps outside years 0 to 9999 fall back to the String formatter")
    func farTimestamps() {
        for milliseconds: Int64 in [0, -1, 253_402_300_800_000, -62_167_219_200_001, 1_460_751_420_310] {
            let out = JSONLineBuffer(capacity: 64)
            var end = out.reserve(64)
            TimestampFormatter.putRFC3339(millisecondsSinceEpoch: milliseconds, to: &end)
            out.commit(to: end)
            #expect(String(decoding: out.bytes, as: UTF8.self) == TimestampFormatter.rfc3339(millisecondsSinceEpoch: milliseconds))
        }
    }
}

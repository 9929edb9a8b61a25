import Testing

@testable import LogSynthesis

@Suite("LogGenerator")
struct LogGeneratorTests {
    private func shop(seed: UInt64 = 1, lines: Int) -> TrafficScenario {
        var scenario = TrafficScenario.shop
        scenario.seed = seed
        scenario.lineCount = lines
        return scenario
    }

    @Test("the same scenario and seed give byte-identical logs and truths")
    func sameSeedSameBytes() throws {
        let first = try LogGenerator.generate(shop(seed: 42, lines: 20_000))
        let second = try LogGenerator.generate(shop(seed: 42, lines: 20_000))
        #expect(first.text == second.text)
        #expect(first.truth == second.truth)
    }

    @Test("a different seed gives a different log")
    func differentSeedDifferentBytes() throws {
        let first = try LogGenerator.generate(shop(seed: 42, lines: 1_000))
        let second = try LogGenerator.generate(shop(seed: 43, lines: 1_000))
        #expect(first.text != second.text)
    }

    @Test("seed 1 always starts with this exact line")
    func firstLineIsStable() throws {
        let (text, _) = try LogGenerator.generate(shop(seed: 1, lines: 1))
        #expect(
            String(decoding: text, as: UTF8.self)
                == #"[2026-11-26T10:00:00.000Z] "GET /payments/67240 HTTP/1.1" 200 - 0 18851 24 24 "#
                + #""198.51.100.12, 10.0.118.127" "Go-http-client/2.0" "598a4ace-20e1-4342-a789-7060e036774a" "#
                + #""shop.example.com" "10.1.5.10:8080" cds_egress_shop_payments-green_http_8080"# + "\n")
    }

    @Test("writes exactly lineCount newline-terminated lines")
    func exactLineCount() throws {
        let (text, truth) = try LogGenerator.generate(shop(lines: 12_345))
        #expect(text.count(where: { $0 == UInt8(ascii: "\n") }) == 12_345)
        #expect(text.last == UInt8(ascii: "\n"))
        #expect(truth.lines == 12_345)
    }

    @Test("zero lines give an empty log and an empty truth")
    func zeroLines() throws {
        let (text, truth) = try LogGenerator.generate(shop(lines: 0))
        #expect(text.isEmpty)
        #expect(truth.lines == 0)
        #expect(truth.routes["payments"]?.requests == 0)
    }

    @Test("after the last line appendNextLine returns false and leaves the buffer alone")
    func stopsAfterLastLine() throws {
        var generator = try LogGenerator(scenario: shop(lines: 2))
        var buffer: [UInt8] = []
        let wroteFirst = generator.appendNextLine(to: &buffer)
        let wroteSecond = generator.appendNextLine(to: &buffer)
        let written = buffer
        let wroteThird = generator.appendNextLine(to: &buffer)
        #expect(wroteFirst && wroteSecond)
        #expect(!wroteThird)
        #expect(buffer == written)
    }

    @Test("streaming through a reused buffer writes the same bytes as generating in one go")
    func streamingMatchesGenerate() throws {
        let scenario = shop(seed: 9, lines: 5_000)
        var generator = try LogGenerator(scenario: scenario)
        var streamed: [UInt8] = []
        var buffer: [UInt8] = []
        while generator.appendNextLine(to: &buffer) {
            if buffer.count >= 4_096 {
                streamed += buffer
                buffer.removeAll(keepingCapacity: true)
            }
        }
        streamed += buffer
        let whole = try LogGenerator.generate(scenario)
        #expect(streamed == whole.text)
        #expect(generator.truth == whole.truth)
    }
}

import Foundation
import Testing

@testable import LogSynthesis

@Suite("UTCTimestampWriter")
struct UTCTimestampWriterTests {
    @Test(
        "writes the same UTC time as ISO8601DateFormatter with milliseconds",
        arguments: [0, 951_782_400_000, 951_868_799_999, 1_795_687_200_123, 1_798_761_599_999, 253_370_764_799_999]
    )
    func matchesFoundation(_ milliseconds: Int) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var writer = UTCTimestampWriter()
        var buffer: [UInt8] = []
        writer.append(millisecondsSince1970: milliseconds, to: &buffer)
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
        #expect(String(decoding: buffer, as: UTF8.self) == formatter.string(from: date))
    }
}

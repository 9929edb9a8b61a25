import Gzip
import Testing

@Suite("GzipDecoder.decompress")
struct GzipDecoderDecompressTests {
    @Test("decompress returns the bytes of every member")
    func everyMember() throws {
        let first = accessLog(byteCount: 70_000, seed: 40)
        let second = accessLog(byteCount: 9_000, seed: 41)

        #expect(try firstDifference(GzipDecoder.decompress(gzip(first) + gzip(second)), from: first + second) == nil)
    }

    @Test("decompress throws truncated for a file cut inside its member")
    func cutFile() throws {
        let member = gzip(accessLog(byteCount: 70_000, seed: 42))

        #expect(throws: GzipError.truncated(memberIndex: 0, compressedOffset: member.count - 3)) {
            try GzipDecoder.decompress(Array(member.dropLast(3)))
        }
    }
}

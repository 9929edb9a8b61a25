import Gzip
import Testing

@Suite("GzipDecoder")
struct GzipDecoderTests {
    @Test("a 1 MiB member decodes to the same bytes whether fed 1, 7 or 65536 bytes at a time", arguments: [1, 7, 65_536])
    func singleMemberInChunks(chunkSize: Int) throws {
        let log = accessLog(byteCount: 1 << 20, seed: 1)
        let compressed = gzip(log)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(compressed[...], chunkSize: chunkSize, into: &output)
        try decoder.finish()

        #expect(output.count == 1 << 20)
        #expect(firstDifference(output, from: log) == nil)
        #expect(decoder.decompressedByteCount == 1 << 20)
        #expect(decoder.compressedOffset == compressed.count)
        #expect(decoder.memberCount == 1)
    }

    @Test("three concatenated members are all decoded, in order, and counted")
    func threeMembers() throws {
        let parts = [accessLog(byteCount: 100_000, seed: 2), accessLog(byteCount: 37, seed: 3), accessLog(byteCount: 250_000, seed: 4)]
        let file = parts.flatMap(gzip)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(file[...], into: &output)
        try decoder.finish()

        #expect(firstDifference(output, from: parts.flatMap { $0 }) == nil)
        #expect(decoder.decompressedByteCount == 350_037)
        #expect(decoder.compressedOffset == file.count)
        #expect(decoder.memberCount == 3)
        #expect(decoder.isAtMemberBoundary == true)
    }

    @Test("a member of no bytes, as gzip makes of an empty log, is a complete member")
    func emptyMember() throws {
        let log = accessLog(byteCount: 5_000, seed: 5)
        let file = gzip([]) + gzip(log)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(file[..<gzip([]).count], into: &output)
        #expect(decoder.memberCount == 1)
        #expect(decoder.isAtMemberBoundary == true)
        #expect(output.isEmpty)

        try decoder.feed(file[gzip([]).count...], into: &output)
        try decoder.finish()
        #expect(decoder.memberCount == 2)
        #expect(firstDifference(output, from: log) == nil)
    }

    @Test("input cut inside member 2 delivers what decodes, finish() reports the cut, and the rest completes the stream")
    func truncatedThenResumed() throws {
        let first = accessLog(byteCount: 100_000, seed: 6)
        let second = accessLog(byteCount: 400_000, seed: 7)
        let (member1, member2) = (gzip(first), gzip(second))
        let file = member1 + member2
        let cut = member1.count + member2.count / 2
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(file[..<cut], into: &output)

        #expect(output.count > first.count)
        #expect(output.count < first.count + second.count)
        #expect(firstDifference(output, from: Array((first + second).prefix(output.count))) == nil)
        #expect(decoder.decompressedByteCount == output.count)
        #expect(decoder.compressedOffset == cut)
        #expect(decoder.memberCount == 1)
        #expect(decoder.isAtMemberBoundary == false)
        #expect(throws: GzipError.truncated(memberIndex: 1, compressedOffset: cut)) { try decoder.finish() }

        try decoder.feed(file[cut...], into: &output)
        try decoder.finish()

        #expect(firstDifference(output, from: first + second) == nil)
        #expect(decoder.compressedOffset == file.count)
        #expect(decoder.memberCount == 2)
    }

    @Test("input cut between the two magic bytes of the next member is a truncation, not garbage")
    func truncatedInsideMagic() throws {
        let first = accessLog(byteCount: 3_000, seed: 8)
        let second = accessLog(byteCount: 4_000, seed: 9)
        let member1 = gzip(first)
        let file = member1 + gzip(second)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(file[...member1.count], into: &output)

        #expect(firstDifference(output, from: first) == nil)
        #expect(decoder.isAtMemberBoundary == false)
        #expect(throws: GzipError.truncated(memberIndex: 1, compressedOffset: member1.count + 1)) { try decoder.finish() }

        try decoder.feed(file[(member1.count + 1)...], into: &output)
        try decoder.finish()
        #expect(firstDifference(output, from: first + second) == nil)
    }

    @Test("a damaged block in member 2 is reported with index 1 and an offset inside it, after member 1 was delivered")
    func corruptMember() throws {
        let first = accessLog(byteCount: 100_000, seed: 10)
        let member1 = gzip(first)
        var member2 = gzip(accessLog(byteCount: 100_000, seed: 11))
        member2[10] = 0b111  // the first deflate byte after the 10-byte header: a final block of reserved type 3
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        let error = #expect(throws: GzipError.self) { try decoder.feed((member1 + member2)[...], into: &output) }

        guard case let .corruptMember(index, offset, reason)? = error else {
            Issue.record("expected a corrupt member, got \(String(describing: error))")
            return
        }
        #expect(index == 1)
        #expect((member1.count + 10..<member1.count + member2.count).contains(offset))
        #expect(reason == "invalid block type")
        #expect(firstDifference(output, from: first) == nil)
        #expect(decoder.memberCount == 1)
    }

    @Test("a member whose CRC-32 does not match is reported after its unverified bytes were delivered")
    func checksumMismatch() throws {
        let first = accessLog(byteCount: 20_000, seed: 12)
        let second = accessLog(byteCount: 30_000, seed: 13)
        let member1 = gzip(first)
        var member2 = gzip(second)
        member2[member2.count - 8] ^= 0xFF  // first byte of the trailer's CRC-32
        let end = member1.count + member2.count
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        let error = #expect(throws: GzipError.self) { try decoder.feed((member1 + member2)[...], into: &output) }

        guard case let .corruptMember(index, offset, reason)? = error else {
            Issue.record("expected a corrupt member, got \(String(describing: error))")
            return
        }
        #expect(index == 1)
        #expect((end - 8...end).contains(offset))
        #expect(reason == "incorrect data check")
        #expect(firstDifference(output, from: first + second) == nil)
    }

    @Test("after corruption every later call rethrows the same error and decodes nothing more")
    func failureIsFinal() throws {
        let member1 = gzip(accessLog(byteCount: 1_000, seed: 14))
        var member2 = gzip(accessLog(byteCount: 1_000, seed: 15))
        member2[10] = 0b111
        var decoder = GzipDecoder()
        var output: [UInt8] = []
        let error = #expect(throws: GzipError.self) { try decoder.feed((member1 + member2)[...], into: &output) }
        let delivered = output

        #expect(throws: try #require(error)) { try decoder.feed(member1[...], into: &output) }
        #expect(throws: try #require(error)) { try decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), into: &output) }
        #expect(throws: try #require(error)) { try decoder.finish() }
        #expect(firstDifference(output, from: delivered) == nil)
        #expect(decoder.isAtMemberBoundary == false)
    }

    @Test("empty input delivers nothing and finish() reports it as cut before the first member")
    func emptyInput() throws {
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed([], into: &output)

        #expect(output.isEmpty)
        #expect(decoder.isAtMemberBoundary == false)
        #expect(throws: GzipError.truncated(memberIndex: 0, compressedOffset: 0)) { try decoder.finish() }
    }

    @Test("plain text is not gzip, and nothing is delivered")
    func plainText() throws {
        let log = accessLog(byteCount: 10_000, seed: 16)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        #expect(throws: GzipError.notGzip(compressedOffset: 0, byte: UInt8(ascii: "["))) {
            try decoder.feed(log[...], into: &output)
        }
        #expect(output.isEmpty)
        #expect(decoder.decompressedByteCount == 0)
    }

    @Test("a zlib stream is not gzip, although zlib's header detection alone would accept it")
    func zlibStream() throws {
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        #expect(throws: GzipError.notGzip(compressedOffset: 0, byte: 0x78)) {
            try decoder.feed(zlibCompressed(accessLog(byteCount: 10_000, seed: 17))[...], into: &output)
        }
        #expect(output.isEmpty)
    }

    @Test("zero padding after the last member is accepted, across chunks")
    func trailingZeros() throws {
        let log = accessLog(byteCount: 50_000, seed: 18)
        let file = gzip(log) + [UInt8](repeating: 0, count: 1_000)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        try decoder.feed(file[...], chunkSize: 7, into: &output)
        try decoder.finish()

        #expect(firstDifference(output, from: log) == nil)
        #expect(decoder.compressedOffset == file.count)
        #expect(decoder.memberCount == 1)
        #expect(decoder.isAtMemberBoundary == true)
    }

    @Test("bytes after the last member that start no member are trailing garbage at their offset")
    func trailingGarbage() throws {
        let log = accessLog(byteCount: 50_000, seed: 19)
        let member = gzip(log)
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        #expect(throws: GzipError.trailingGarbage(memberCount: 1, compressedOffset: member.count, byte: UInt8(ascii: "g"))) {
            try decoder.feed((member + Array("garbage\n".utf8))[...], into: &output)
        }
        #expect(firstDifference(output, from: log) == nil)
        #expect(decoder.memberCount == 1)
    }

    @Test("a non-zero byte after zero padding is trailing garbage at its offset")
    func garbageAfterPadding() throws {
        let log = accessLog(byteCount: 5_000, seed: 20)
        let member = gzip(log)
        let file = member + [UInt8](repeating: 0, count: 16) + [UInt8(ascii: "x")]
        var decoder = GzipDecoder()
        var output: [UInt8] = []

        #expect(throws: GzipError.trailingGarbage(memberCount: 1, compressedOffset: member.count + 16, byte: UInt8(ascii: "x"))) {
            try decoder.feed(file[...], into: &output)
        }
        #expect(firstDifference(output, from: log) == nil)
    }
}

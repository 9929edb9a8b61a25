import Gzip
import Testing

@Suite("GzipError")
struct GzipErrorTests {
    @Test("each error says what is wrong, where, and what to do", arguments: [
        (
            GzipError.notGzip(compressedOffset: 0, byte: 0x5B),
            "not gzip data: compressed byte 0 is 0x5b where a gzip member must begin with 1f 8b; "
                + "if this is a plain-text access log, read it without decompressing, otherwise quarantine it"
        ),
        (
            GzipError.truncated(memberIndex: 0, compressedOffset: 0),
            "gzip input is empty: no member has started; "
                + "if the file is still being written, read it again once it grows, otherwise quarantine it"
        ),
        (
            GzipError.truncated(memberIndex: 1, compressedOffset: 5_000),
            "gzip input ends at compressed byte 5000 inside member #2 (index 1); "
                + "the 1 complete member before it and the decodable part of this one were delivered; "
                + "if the file is still being written, feed the rest when it grows, otherwise the file was cut short: quarantine it"
        ),
        (
            GzipError.corruptMember(memberIndex: 3, compressedOffset: 1_048_576, reason: "invalid distance too far back"),
            "corrupt gzip member #4 (index 3) at compressed byte 1048576: invalid distance too far back; "
                + "the 3 complete members before it and this member's bytes up to the damage were delivered; "
                + "nothing after the damage can be decoded: quarantine the rest of the file"
        ),
        (
            GzipError.trailingGarbage(memberCount: 2, compressedOffset: 812, byte: 0x0A),
            "trailing garbage after the last gzip member: compressed byte 812 is 0x0a, "
                + "which starts neither another gzip member (1f 8b) nor zero padding; "
                + "the 2 complete members before it were delivered: cut the file at byte 812 or quarantine the rest"
        ),
    ])
    func description(error: GzipError, description: String) {
        #expect(error.description == description)
    }
}

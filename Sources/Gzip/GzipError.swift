/// Why a gzip stream could not be decoded completely, with the compressed byte offset to look at.
///
/// Member indexes are zero-based, so `memberIndex` is also the number of complete members before
/// the one in trouble; descriptions number members from 1 for people (`member #2 (index 1)`).
/// Offsets count bytes of the compressed input from its first byte.
/// The gzip format is [RFC 1952](https://www.rfc-editor.org/rfc/rfc1952).
package enum GzipError: Error, CustomStringConvertible, Equatable {
    /// The input does not begin with the gzip magic bytes `1f 8b`: `byte` at `compressedOffset` is the first that differs.
    case notGzip(compressedOffset: Int, byte: UInt8)

    /// The input ran out inside member `memberIndex`, before its trailer was read and checked.
    ///
    /// Everything decodable up to `compressedOffset` has been delivered. The decoder can be fed more
    /// input and goes on, as when the file is still being written; `memberIndex` 0 at offset 0 means
    /// the input was empty.
    case truncated(memberIndex: Int, compressedOffset: Int)

    /// zlib rejected member `memberIndex` at `compressedOffset`; `reason` is zlib's message.
    ///
    /// The members before it and this member's bytes up to the damage have been delivered (those
    /// last bytes unverified, as the member's CRC-32 was never matched). The decoder cannot continue
    /// past corruption: the rest of the file is unreadable to it.
    case corruptMember(memberIndex: Int, compressedOffset: Int, reason: String)

    /// After `memberCount` complete members, `byte` at `compressedOffset` starts neither another
    /// member nor zero padding. All `memberCount` members have been delivered.
    case trailingGarbage(memberCount: Int, compressedOffset: Int, byte: UInt8)

    package var description: String {
        switch self {
        case let .notGzip(offset, byte):
            "not gzip data: compressed byte \(offset) is \(hex(byte)) where a gzip member must begin with 1f 8b; "
                + "if this is a plain-text access log, read it without decompressing, otherwise quarantine it"
        case .truncated(memberIndex: 0, compressedOffset: 0):
            "gzip input is empty: no member has started; "
                + "if the file is still being written, read it again once it grows, otherwise quarantine it"
        case let .truncated(index, offset):
            "gzip input ends at compressed byte \(offset) inside member #\(index + 1) (index \(index)); "
                + "\(members(index)) before it and the decodable part of this one were delivered; "
                + "if the file is still being written, feed the rest when it grows, "
                + "otherwise the file was cut short: quarantine it"
        case let .corruptMember(index, offset, reason):
            "corrupt gzip member #\(index + 1) (index \(index)) at compressed byte \(offset): \(reason); "
                + "\(members(index)) before it and this member's bytes up to the damage were delivered; "
                + "nothing after the damage can be decoded: quarantine the rest of the file"
        case let .trailingGarbage(count, offset, byte):
            "trailing garbage after the last gzip member: compressed byte \(offset) is \(hex(byte)), "
                + "which starts neither another gzip member (1f 8b) nor zero padding; "
                + "\(members(count)) before it \(count == 1 ? "was" : "were") delivered: "
                + "cut the file at byte \(offset) or quarantine the rest"
        }
    }
}

private func members(_ count: Int) -> String {
    count == 1 ? "the 1 complete member" : "the \(count) complete members"
}

private func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "0x" + (digits.count == 1 ? "0" + digits : digits)
}

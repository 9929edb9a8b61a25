import CZlib

/// Decompresses a gzip stream fed in chunks of any size, every member of it, with the system zlib.
///
/// Hand-written over zlib rather than taken from compress-nio: compress-nio 1.5.0 silently drops every
/// member after the first of a multi-member gzip, and its stream API can loop forever at a member
/// boundary. Rotated access logs are often several members back to back (`cat a.gz b.gz > c.gz`,
/// `gzip -c >> file.gz`), so each member end resets zlib and decoding goes on with the next member.
///
/// ```swift
/// var decoder = GzipDecoder()
/// var lines: [UInt8] = []
/// while let chunk = try file.read(upToCount: 64 * 1024) {
///     try chunk.withUnsafeBytes { try decoder.decode($0, into: &lines) }
///     // consume the complete lines at the front of `lines`
/// }
/// try decoder.finish()  // throws `.truncated` if the file stops inside a member
/// ```
///
/// Input that runs out inside a member is not an error until ``finish()``: a file that is still being
/// written can be fed again from where it stopped. Zero bytes after the last member are accepted as
/// padding, up to the end of the input: a non-zero byte after them is trailing garbage. Once the decoder throws ``GzipError/notGzip(compressedOffset:byte:)``,
/// ``GzipError/corruptMember(memberIndex:compressedOffset:reason:)`` or
/// ``GzipError/trailingGarbage(memberCount:compressedOffset:byte:)`` it stays failed: every later
/// call throws the same error, as zlib cannot resynchronise inside a damaged member.
///
/// A non-copyable struct rather than a final class: the decoder is the only owner of its `z_stream`
/// and output block, so a copy would drive and free one zlib stream twice. `~Copyable` rules that out
/// in the type, `deinit` frees both exactly once, and the hot path pays no reference counting.
///
/// Not `Sendable`: zlib drives a `z_stream` from one thread at a time. Give each file its own decoder,
/// created in the task that reads it.
///
/// Formats: [RFC 1952 (gzip)](https://www.rfc-editor.org/rfc/rfc1952),
/// [zlib manual](https://zlib.net/manual.html).
package struct GzipDecoder: ~Copyable {
    /// zlib inflates into this block before it is appended to the caller's array: large enough that
    /// zlib stays in its fast loop and calls per output byte are few, small enough to stay in cache.
    private static let blockSize = 256 * 1024

    /// The first two bytes of every gzip member.
    private static let magic: (UInt8, UInt8) = (0x1F, 0x8B)

    /// Heap-allocated because zlib stores a pointer back to its `z_stream` and rejects calls made
    /// through any other address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let block: UnsafeMutableBufferPointer<UInt8>
    private var position = Position.memberStart(magicBytesChecked: 0)

    /// Compressed bytes consumed so far, zero padding included.
    package private(set) var compressedOffset = 0
    /// Decompressed bytes delivered so far.
    package private(set) var decompressedByteCount = 0
    /// Members decoded completely, their CRC-32 and length checked.
    package private(set) var memberCount = 0
    /// The decompressed offset at which member `memberCount` (the one being decoded, or the next) begins: where
    /// unverified output starts until that member's trailer checks out.
    package private(set) var currentMemberStart = 0

    /// Whether the input so far ends right after a complete member (or in zero padding after one).
    ///
    /// When the input runs out, `true` means the file is complete as read; `false` means it was cut
    /// inside a member, or is still being written, or is empty.
    package var isAtMemberBoundary: Bool {
        switch position {
        case .memberStart(magicBytesChecked: 0), .padding: memberCount > 0
        case .memberStart, .insideMember, .failed: false
        }
    }

    package init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        block = .allocate(capacity: Self.blockSize)
        // 15 + 32: the largest window, with zlib detecting the header itself. zlib would accept a zlib
        // (RFC 1950) header too; `checkMagic` keeps this decoder to gzip.
        let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib inflateInit2 failed with code \(status): zlib is out of memory or its header and library versions differ")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        block.deallocate()
    }

    /// Decodes `input`, the next bytes of the gzip stream, and appends what it yields to `output`.
    ///
    /// Chunks can be split anywhere, inside headers and trailers too. Bytes decoded before an error
    /// are appended before it is thrown. Nothing is allocated here apart from `output`'s growth: drop
    /// the bytes you have consumed (`removeAll(keepingCapacity: true)`) to keep it at one capacity.
    /// Input chunks of about 64 KiB keep that output cache-sized: on 200 MB of access logs they
    /// decoded 20–30% faster than 1 MiB chunks.
    package mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(GzipError) {
        if case .failed(let error) = position { throw error }
        var cursor = 0
        do throws(GzipError) {
            while cursor < input.count {
                switch position {
                case .memberStart(let checked):
                    if checked == 0, memberCount > 0, input[cursor] == 0 {
                        position = .padding
                        continue
                    }
                    try checkMagic(input, at: cursor, alreadyChecked: checked)
                    cursor = try inflate(input, from: cursor, into: &output)
                case .insideMember:
                    cursor = try inflate(input, from: cursor, into: &output)
                case .padding:
                    cursor = try skipPadding(input, from: cursor)
                case .failed(let error):
                    throw error
                }
            }
        } catch {
            position = .failed(error)
            throw error
        }
    }

    /// Confirms that the input ended where the stream may end: after a complete member.
    ///
    /// Throws ``GzipError/truncated(memberIndex:compressedOffset:)`` if it ended inside a member or
    /// before any, and rethrows the error that stopped the decoder if it failed. Input can still be
    /// fed after a truncation.
    package func finish() throws(GzipError) {
        if case .failed(let error) = position { throw error }
        guard isAtMemberBoundary else {
            throw .truncated(memberIndex: memberCount, compressedOffset: compressedOffset)
        }
    }

    /// Checks the magic bytes of the member starting at `input[cursor]`, as far as `input` holds them,
    /// leaving them in `input` for zlib to read.
    private mutating func checkMagic(_ input: UnsafeRawBufferPointer, at cursor: Int, alreadyChecked: Int) throws(GzipError) {
        var checked = alreadyChecked
        while checked < 2, cursor + checked - alreadyChecked < input.count {
            let byte = input[cursor + checked - alreadyChecked]
            guard byte == (checked == 0 ? Self.magic.0 : Self.magic.1) else {
                let offset = compressedOffset + checked - alreadyChecked
                throw memberCount == 0
                    ? .notGzip(compressedOffset: offset, byte: byte)
                    : .trailingGarbage(memberCount: memberCount, compressedOffset: offset, byte: byte)
            }
            checked += 1
        }
        position = checked == 2 ? .insideMember : .memberStart(magicBytesChecked: checked)
    }

    /// Runs zlib over `input[cursor...]` until it needs more input or a member ends; returns the new cursor.
    private mutating func inflate(_ input: UnsafeRawBufferPointer, from cursor: Int, into output: inout [UInt8]) throws(GzipError) -> Int {
        let start = input.baseAddress!.assumingMemoryBound(to: Bytef.self) + cursor
        let available = UInt32(clamping: input.count - cursor)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: start)
        stream.pointee.avail_in = available
        while true {
            let availableBefore = stream.pointee.avail_in
            stream.pointee.next_out = block.baseAddress
            stream.pointee.avail_out = UInt32(block.count)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            compressedOffset += Int(availableBefore - stream.pointee.avail_in)
            let produced = block.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: block[..<produced]))
                decompressedByteCount += produced
            }
            let consumed = Int(available - stream.pointee.avail_in)
            switch status {
            case Z_STREAM_END:
                memberCount += 1
                currentMemberStart = decompressedByteCount
                inflateReset(stream)
                position = .memberStart(magicBytesChecked: 0)
                return cursor + consumed
            case Z_OK, Z_BUF_ERROR:
                // Z_BUF_ERROR only says no progress was possible: all input is in and all output is out.
                if stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 { return cursor + consumed }
            case Z_DATA_ERROR:
                throw .corruptMember(memberIndex: memberCount, compressedOffset: compressedOffset, reason: zlibMessage ?? "invalid deflate data")
            default:
                preconditionFailure("zlib inflate failed with code \(status): \(zlibMessage ?? "out of memory or misused stream")")
            }
        }
    }

    /// Skips zero padding after the last member; returns the new cursor.
    private mutating func skipPadding(_ input: UnsafeRawBufferPointer, from cursor: Int) throws(GzipError) -> Int {
        let rest = input[cursor...]
        guard let garbage = rest.firstIndex(where: { $0 != 0 }) else {
            compressedOffset += rest.count
            return input.count
        }
        compressedOffset += garbage - cursor
        throw .trailingGarbage(memberCount: memberCount, compressedOffset: compressedOffset, byte: input[garbage])
    }

    private var zlibMessage: String? {
        stream.pointee.msg.map { String(cString: $0) }
    }
}

extension GzipDecoder {
    /// Where the decoder stands in the stream between two calls.
    private enum Position {
        /// At the start of member `memberCount`, of whose two magic bytes `magicBytesChecked` have been seen.
        case memberStart(magicBytesChecked: Int)
        /// zlib is inside a member, past its magic bytes.
        case insideMember
        /// In zero bytes after the last member.
        case padding
        /// Stopped by an error; every later call rethrows it.
        case failed(GzipError)
    }
}

@available(*, unavailable, message: "a GzipDecoder drives a zlib stream from one thread at a time; create one per file in the task that reads it")
extension GzipDecoder: Sendable {}

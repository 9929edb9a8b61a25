/// Decodes `%XX` escapes in one path segment so `/caf%C3%A9` matches a spec's `/café` and `/a%3Ab`
/// matches `/a:b`.
///
/// Only segments are decoded, after the path has been split on `/`, so an encoded `%2F` stays inside its
/// segment as RFC 3986 intends. An escape that is not two hexadecimal digits is kept as it is.
enum PercentDecoding {
    /// Writes the decoded `segment` into `output`, which must hold at least `segment.count` bytes and may
    /// be the same memory, and returns the decoded length.
    static func decode(_ segment: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        var read = 0
        var written = 0
        while read < segment.count {
            if segment[read] == UInt8(ascii: "%"), read + 2 < segment.count, let high = hexValue(segment[read + 1]),
                let low = hexValue(segment[read + 2])
            {
                output[written] = high << 4 | low
                read += 3
            } else {
                output[written] = segment[read]
                read += 1
            }
            written += 1
        }
        return written
    }

    /// `text` with its escapes decoded, for literal segments of a spec.
    static func decode(_ text: Substring) -> [UInt8] {
        var bytes = Array(text.utf8)
        let count = bytes.withUnsafeMutableBytes { buffer in
            decode(UnsafeRawBufferPointer(buffer), into: buffer)
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

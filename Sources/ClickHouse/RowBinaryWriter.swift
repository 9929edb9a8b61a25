/// A body in ClickHouse's `RowBinary` input format
/// (<https://clickhouse.com/docs/interfaces/formats/RowBinary>), written value by value into one byte buffer.
///
/// The format has no separators and no names: each row is its columns' values in the order the `INSERT` lists
/// them. Integers are fixed width, little-endian (two's complement when signed); a `String` is its length as an
/// unsigned LEB128 varint, then its bytes, as they are, with no escaping; a `Nullable(T)` value is one byte, 1 for
/// NULL (and nothing after it) or 0 followed by the `T`. Debian's 18.16 and current servers read it alike.
///
/// Why binary: JSONEachRow made the server parse and unescape every value and RouteLens quote and escape it, and
/// that was most of a shipped row's cost on both sides (see ``RequestExport``). Here text goes out as SQLite holds
/// it, and an integer is a copy of its bytes.
struct RowBinaryWriter {
    /// The body so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// An integer column (`UInt8`, `Int32`, `Int64`, `UInt64` …): its bytes, little-endian.
    @inline(__always)
    mutating func append<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `Nullable(T)` column's marker for NULL; nothing follows it.
    @inline(__always)
    mutating func appendNull() {
        bytes.append(1)
    }

    /// A `Nullable(T)` column's marker for a value; the `T` must follow.
    @inline(__always)
    mutating func appendNotNull() {
        bytes.append(0)
    }

    /// A `Nullable(Int64)` column.
    @inline(__always)
    mutating func appendNullable(_ value: Int64?) {
        if let value {
            appendNotNull()
            append(value)
        } else {
            appendNull()
        }
    }

    /// A `String` column: the byte count as unsigned LEB128, then the bytes.
    @inline(__always)
    mutating func appendString(_ text: UnsafeRawBufferPointer) {
        appendLength(text.count)
        bytes.append(contentsOf: text)
    }

    /// A `String` column from Swift text, as UTF-8.
    mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendString(UnsafeRawBufferPointer($0)) }
    }

    /// A length as unsigned LEB128: seven bits a byte, least significant first, the high bit set on every byte but
    /// the last (127 takes one byte, 128 two).
    @inline(__always)
    mutating func appendLength(_ count: Int) {
        var rest = UInt64(clamping: count)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Bytes already in RowBinary (values encoded once and reused, such as a label's).
    @inline(__always)
    mutating func appendEncoded(_ encoded: ArraySlice<UInt8>) {
        bytes.append(contentsOf: encoded)
    }

    /// Reserves `count` more bytes, hands them to `body` to fill (all of them), and keeps them.
    @inline(__always)
    mutating func appendUninitialized(count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { all in body(UnsafeMutableRawBufferPointer(rebasing: all[start..<(start + count)])) }
    }
}

import GRDB

/// JSON values written straight into a byte buffer, for JSONEachRow insert bodies written by hand: no intermediate
/// strings or arrays per value, which were most of a batch's cost when ``RequestExport`` wrote JSONEachRow.
enum JSONText {
    static func append(_ value: DatabaseValue, to buffer: inout [UInt8]) {
        switch value.storage {
        case .null: buffer.append(contentsOf: [110, 117, 108, 108])
        case .int64(let number): append(number, to: &buffer)
        case .double(let number): buffer.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case .string(let text): appendQuoted(text, to: &buffer)
        case .blob(let data): appendQuoted(data.map { String($0, radix: 16) }.joined(), to: &buffer)
        }
    }

    static func append(_ number: Int64, to buffer: inout [UInt8]) {
        if number < 0 {
            buffer.append(UInt8(ascii: "-"))
            append(number.magnitude, to: &buffer)
        } else {
            append(UInt64(number), to: &buffer)
        }
    }

    static func append(_ number: UInt64, to buffer: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { space in
            repeat {
                space[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            buffer.append(contentsOf: space[(20 - count)...])
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in appendQuoted(UnsafeRawBufferPointer(bytes), to: &buffer) }
    }

    /// UTF-8 `bytes` (a column's text as SQLite holds it, not copied) as a JSON string.
    static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        buffer.append(34)
        var start = 0
        for (index, byte) in bytes.enumerated() where byte < 32 || byte == 34 || byte == 92 {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case 34: buffer.append(contentsOf: [92, 34])
            case 92: buffer.append(contentsOf: [92, 92])
            default: buffer.append(contentsOf: [92, 117, 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
            }
            start = index + 1
        }
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
        buffer.append(34)
    }

    static func quoted(_ text: String) -> [UInt8] {
        var buffer: [UInt8] = []
        appendQuoted(text, to: &buffer)
        return buffer
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

import GRDB

/// JSON values written straight into a byte buffer, for the insert bodies (see ``RequestExport``).
enum JSONText {
    static func append(_ value: DatabaseValue, to buffer: inout [UInt8]) {
        switch value.storage {
        case .null: buffer += [110, 117, 108, 108]
        case .int64(let number): append(number, to: &buffer)
        case .double(let number): buffer += Array((number.isFinite ? "\(number)" : "null").utf8)
        case .string(let text): buffer += quoted(text)
        case .blob(let data): buffer += quoted(data.map { String($0, radix: 16) }.joined())
        }
    }

    static func append(_ number: Int64, to buffer: inout [UInt8]) {
        buffer += Array(String(number).utf8)
    }

    static func append(_ number: UInt64, to buffer: inout [UInt8]) {
        buffer += Array(String(number).utf8)
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> [UInt8] {
        var out: [UInt8] = [34]
        out.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case 34: out += [92, 34]
            case 92: out += [92, 92]
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                out += [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(34)
        return out
    }
}

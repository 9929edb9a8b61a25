#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON-lines access log is one flat object per line. It is scanned by hand, not with
/// `JSONSerialization`, which builds a dictionary of boxed objects per line and runs an order of
/// magnitude slower; values are kept as byte ranges. Nested objects and arrays are kept whole, as text.
extension LineParser {
    func parseJSON(_ line: UnsafeRawBufferPointer, _ layout: JSONLayout) throws(LineRejection) {
        var writable: UnsafeMutableRawPointer?
        if memchr(line.baseAddress!, Int32(UInt8(ascii: "\\")), line.count) != nil {
            writable = useWritableCopy(of: line)
        }
        var scanner = JSONScanner(base: writable.map(UnsafeRawPointer.init) ?? line.baseAddress!, count: line.count, writable: writable)
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "{")) else {
            throw LineRejection("line is not a JSON object (it does not start with '{')")
        }
        scanner.skipWhitespace()
        var knownKeys = 0
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                scanner.skipWhitespace()
                guard let key = try scanner.string() else {
                    throw LineRejection("expected a quoted key at column \(scanner.index + 1)")
                }
                scanner.skipWhitespace()
                guard scanner.take(UInt8(ascii: ":")) else {
                    throw LineRejection("expected ':' after key \(scanner.text(key)) at column \(scanner.index + 1)")
                }
                scanner.skipWhitespace()
                let value = try scanner.value(after: key)
                let keyBytes = UnsafeRawBufferPointer(start: scanner.base + key.start, count: key.end - key.start)
                if let field = layout.field(forKey: keyBytes) {
                    knownKeys += 1
                    do {
                        try checkJSONType(value, of: field)
                        try store(field, start: value.start, end: value.end, isJSONNull: value.kind == .null)
                    } catch {
                        throw LineRejection("$.\(scanner.text(key)): \(error.reason)")
                    }
                } else {
                    recordUnknownKey(key: (key.start, key.end), value: value.kind == .null ? nil : (value.start, value.end))
                }
                scanner.skipWhitespace()
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")) else {
                throw LineRejection("expected ',' or '}' at column \(scanner.index + 1)")
            }
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw LineRejection("unexpected text after the JSON object at column \(scanner.index + 1)")
        }
        // Any JSON object would otherwise be a request with every field null.
        guard knownKeys > 0 else {
            throw LineRejection("a JSON object with none of the format's access-log keys (\(layout.someKeys)), so not an access-log record")
        }
    }

    private func checkJSONType(_ value: JSONScanner.Value, of field: CompiledField) throws(LineRejection) {
        switch (field.kind, value.kind) {
        case (_, .null), (.text, _), (.flags, .string), (.integer, .string), (.integer, .number), (.timestamp, .string):
            return
        default:
            throw LineRejection("\(field.label) must be a \(field.kind == .integer ? "number" : "string"), found \(value.kind)")
        }
    }
}

/// A cursor over one JSON line.
struct JSONScanner {
    enum Kind: CustomStringConvertible {
        case string, number, literal, null, nested

        var description: String {
            switch self {
            case .string: "a string"
            case .number: "a number"
            case .literal: "true or false"
            case .null: "null"
            case .nested: "an object or array"
            }
        }
    }

    /// A value's bytes; for a string, its content without quotes and with escapes undone.
    struct Value {
        var kind: Kind
        var start: Int
        var end: Int
    }

    let base: UnsafeRawPointer
    let count: Int
    /// The same bytes, writable, when the line has escapes to undo in place.
    let writable: UnsafeMutableRawPointer?
    var index = 0

    init(base: UnsafeRawPointer, count: Int, writable: UnsafeMutableRawPointer?) {
        self.base = base
        self.count = count
        self.writable = writable
    }

    var isAtEnd: Bool { index >= count }

    private func byte(_ offset: Int) -> UInt8 {
        base.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func skipWhitespace() {
        while index < count {
            switch byte(index) {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
            default: return
            }
        }
    }

    mutating func take(_ expected: UInt8) -> Bool {
        guard index < count, byte(index) == expected else { return false }
        index += 1
        return true
    }

    func text(_ span: (start: Int, end: Int)) -> String {
        "\"" + String(decoding: UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start), as: UTF8.self) + "\""
    }

    func text(_ value: Value) -> String {
        text((value.start, value.end))
    }

    /// Reads a string if one starts here, undoing escapes in place; returns the content's range.
    mutating func string() throws(LineRejection) -> (start: Int, end: Int)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var write = index
        while index < count {
            let current = byte(index)
            if current == UInt8(ascii: "\"") {
                index += 1
                return (start, write)
            }
            if current == UInt8(ascii: "\\"), let writable {
                index += 1
                guard index < count else { break }
                let escaped = byte(index)
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): writable.storeBytes(of: 0x0A, toByteOffset: write, as: UInt8.self); write += 1
                case UInt8(ascii: "t"): writable.storeBytes(of: 0x09, toByteOffset: write, as: UInt8.self); write += 1
                case UInt8(ascii: "r"): writable.storeBytes(of: 0x0D, toByteOffset: write, as: UInt8.self); write += 1
                case UInt8(ascii: "b"): writable.storeBytes(of: 0x08, toByteOffset: write, as: UInt8.self); write += 1
                case UInt8(ascii: "f"): writable.storeBytes(of: 0x0C, toByteOffset: write, as: UInt8.self); write += 1
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(at: index) else {
                        throw LineRejection("invalid \\u escape at column \(index + 1)")
                    }
                    index += 4
                    if (0xD800..<0xDC00).contains(scalar), index + 6 <= count, byte(index) == UInt8(ascii: "\\"),
                        byte(index + 1) == UInt8(ascii: "u"), let low = hex4(at: index + 2), (0xDC00..<0xE000).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    for unit in String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8 {
                        writable.storeBytes(of: unit, toByteOffset: write, as: UInt8.self)
                        write += 1
                    }
                default:
                    writable.storeBytes(of: escaped, toByteOffset: write, as: UInt8.self)
                    write += 1
                }
                continue
            }
            if writable != nil, write != index {
                writable!.storeBytes(of: current, toByteOffset: write, as: UInt8.self)
            }
            index += 1
            write += 1
        }
        throw LineRejection("unterminated string starting at column \(start)")
    }

    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= count else { return nil }
        var value: UInt32 = 0
        for position in offset..<(offset + 4) {
            let character = byte(position)
            let digit: UInt32
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(character - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(character - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(character - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func value(after key: (start: Int, end: Int)) throws(LineRejection) -> Value {
        guard index < count else { throw LineRejection("missing value for key \(text(key))") }
        let start = index
        switch byte(index) {
        case UInt8(ascii: "\""):
            let span = try string()!
            return Value(kind: .string, start: span.start, end: span.end)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            index += 1
            while index < count {
                switch byte(index) {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                    UInt8(ascii: "+"), UInt8(ascii: "-"):
                    index += 1
                    continue
                default: break
                }
                break
            }
            return Value(kind: .number, start: start, end: index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested()
            return Value(kind: .nested, start: start, end: index)
        default:
            while index < count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte(index)) { index += 1 }
            let word = UnsafeRawBufferPointer(start: base + start, count: index - start)
            if word.elementsEqual("null".utf8) { return Value(kind: .null, start: start, end: index) }
            if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) {
                return Value(kind: .literal, start: start, end: index)
            }
            throw LineRejection("invalid value for key \(text(key)) at column \(start + 1)")
        }
    }

    /// Skips a nested object or array, respecting strings; escapes inside it are left as written.
    private mutating func skipNested() throws(LineRejection) {
        let start = index
        var depth = 0
        var inString = false
        while index < count {
            let current = byte(index)
            index += 1
            if inString {
                if current == UInt8(ascii: "\\") { index += 1 } else if current == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch current {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
        throw LineRejection("unterminated object or array starting at column \(start + 1)")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineParser {
    /// Appends the current record as one line of JSON and a newline: the same bytes as
    /// `record().jsonLine + "\n"`, written straight from the parsed values. `routelens parse` prints a
    /// record per line; building an ``AccessRecord`` and a `String` for each ran at 57k lines/s against
    /// the parser's 3M.
    package func appendJSONLine(to buffer: JSONLineBuffer) {
        // The worst case: every value byte escaped as `\u00XX`, plus the keys, numbers and timestamps.
        var bound = 512 + extraNamesByteCount + 6 * lineByteCount
        for (key, value) in unknownKeys { bound += 6 * Int(key.end - key.start) + 6 * Int(max(value.end - value.start, 0)) + 8 }
        var out = buffer.reserve(bound)
        out.put(UInt8(ascii: "{"))
        for field in AccessLogField.allCases {
            out.put(JSONLineBytes.keys[field.rawValue])
            let value = values[field.rawValue]
            switch field.valueKind {
            case .flags:
                out.put(UInt8(ascii: "["))
                if value.start >= 0 { Self.putFlags(bytes(value), to: &out) }
                out.put(UInt8(ascii: "]"))
            case _ where value.start < 0:
                out.put(JSONLineBytes.null)
            case .timestamp:
                out.put(UInt8(ascii: "\""))
                TimestampFormatter.putRFC3339(millisecondsSinceEpoch: value.number, to: &out)
                out.put(UInt8(ascii: "\""))
            case .integer:
                Self.putInteger(value.number, to: &out)
            case .text:
                Self.putJSONString(bytes(value), to: &out)
            }
        }
        out.put(isTCP ? JSONLineBytes.tcpTrue : JSONLineBytes.tcpFalse)
        var first = true
        for (offset, name) in extraNameFragments.enumerated() {
            if !first { out.put(UInt8(ascii: ",")) }
            first = false
            out.put(name)
            if let text = value(slot: AccessLogField.allCases.count + offset) {
                Self.putJSONString(text, to: &out)
            } else {
                out.put(JSONLineBytes.null)
            }
        }
        for (key, value) in unknownKeys {
            if !first { out.put(UInt8(ascii: ",")) }
            first = false
            Self.putJSONString(bytes(key), to: &out)
            out.put(UInt8(ascii: ":"))
            if value.start < 0 {
                out.put(JSONLineBytes.null)
            } else {
                Self.putJSONString(bytes(value), to: &out)
            }
        }
        out.put(UInt8(ascii: "}"))
        out.put(UInt8(ascii: "}"))
        out.put(UInt8(ascii: "\n"))
        buffer.commit(to: out)
    }

    /// `UF,URX` as `"UF","URX"`, empty codes left out, as ``ResponseFlags/codes(in:)`` splits them.
    private static func putFlags(_ value: UnsafeRawBufferPointer, to out: inout UnsafeMutableRawPointer) {
        var first = true
        for code in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            if !first { out.put(UInt8(ascii: ",")) }
            first = false
            putJSONString(UnsafeRawBufferPointer(rebasing: code), to: &out)
        }
    }

    static func putInteger(_ number: Int64, to out: inout UnsafeMutableRawPointer) {
        guard number >= 0 else {
            for byte in String(number).utf8 { out.put(byte) }
            return
        }
        var digits = 1
        var power: UInt64 = 10
        let value = UInt64(number)
        while digits < 19, value >= power {
            digits += 1
            power &*= 10
        }
        var remaining = value
        var index = digits
        while index > 0 {
            index -= 1
            out.storeBytes(of: UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0"), toByteOffset: index, as: UInt8.self)
            remaining /= 10
        }
        out += digits
    }

    /// A JSON string of `bytes`: copied as they are when they need no escape (printable ASCII without
    /// `"` or `\`), else through `String`, so invalid UTF-8 is repaired exactly as `jsonLine` does.
    static func putJSONString(_ bytes: UnsafeRawBufferPointer, to out: inout UnsafeMutableRawPointer) {
        out.put(UInt8(ascii: "\""))
        var plain = true
        for byte in bytes where byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out.put(bytes)
        } else {
            var escaped: [UInt8] = []
            JSONLineBytes.appendEscaped(String(decoding: bytes, as: UTF8.self), to: &escaped)
            escaped.withUnsafeBytes { out.put($0) }
        }
        out.put(UInt8(ascii: "\""))
    }
}

extension UnsafeMutableRawPointer {
    /// Writes `byte` and moves past it; the caller reserved the room.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        storeBytes(of: byte, as: UInt8.self)
        self += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        copyMemory(from: source, byteCount: bytes.count)
        self += bytes.count
    }

    @inline(__always)
    mutating func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { put($0) }
    }
}

/// The constant pieces of a `routelens parse` line, as bytes.
enum JSONLineBytes {
    /// `"start_time":`, then `,"method":` and so on, in ``AccessLogField`` order, which is the key order
    /// of ``AccessRecord/jsonLine``.
    static let keys: [[UInt8]] = AccessLogField.allCases.map { field in
        Array(((field.rawValue == 0 ? "" : ",") + "\"\(field.key)\":").utf8)
    }
    static let null = Array("null".utf8)
    static let tcpTrue = Array(",\"tcp\":true,\"extra\":{".utf8)
    static let tcpFalse = Array(",\"tcp\":false,\"extra\":{".utf8)

    /// `"name":` for an extra field's name.
    static func keyFragment(_ name: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        appendEscaped(name, to: &out)
        out.append(contentsOf: "\":".utf8)
        return out
    }

    /// The escapes ``JSONLineWriter`` writes, scalar by scalar.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: #"\""#.utf8)
            case "\\": out.append(contentsOf: #"\\"#.utf8)
            case "\n": out.append(contentsOf: #"\n"#.utf8)
            case "\r": out.append(contentsOf: #"\r"#.utf8)
            case "\t": out.append(contentsOf: #"\t"#.utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
        }
    }
}

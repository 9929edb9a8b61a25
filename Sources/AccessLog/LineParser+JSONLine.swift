extension LineParser {
    /// Appends the current record as one line of JSON and a newline: the same bytes as
    /// `record().jsonLine + "\n"`, written straight from the parsed values into `out`, which the caller
    /// reuses. `routelens parse` prints a record per line; building an ``AccessRecord`` and a `String`
    /// for each ran at 57k lines/s against the parser's 3M.
    package func appendJSONLine(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for field in AccessLogField.allCases {
            out.append(contentsOf: JSONLineBytes.keys[field.rawValue])
            let value = values[field.rawValue]
            switch field.valueKind {
            case .flags:
                out.append(UInt8(ascii: "["))
                if value.start >= 0 { Self.appendFlags(bytes(value), to: &out) }
                out.append(UInt8(ascii: "]"))
            case _ where value.start < 0:
                out.append(contentsOf: JSONLineBytes.null)
            case .timestamp:
                out.append(UInt8(ascii: "\""))
                TimestampFormatter.appendRFC3339(millisecondsSinceEpoch: value.number, to: &out)
                out.append(UInt8(ascii: "\""))
            case .integer:
                Self.appendInteger(value.number, to: &out)
            case .text:
                Self.appendJSONString(bytes(value), to: &out)
            }
        }
        out.append(contentsOf: isTCP ? JSONLineBytes.tcpTrue : JSONLineBytes.tcpFalse)
        var first = true
        for (offset, name) in extraNameFragments.enumerated() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: name)
            appendValue(slot: AccessLogField.allCases.count + offset, to: &out)
        }
        for (key, value) in unknownKeys {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            Self.appendJSONString(bytes(key), to: &out)
            out.append(UInt8(ascii: ":"))
            if value.start < 0 {
                out.append(contentsOf: JSONLineBytes.null)
            } else {
                Self.appendJSONString(bytes(value), to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    private func appendValue(slot: Int, to out: inout [UInt8]) {
        if let text = value(slot: slot) {
            Self.appendJSONString(text, to: &out)
        } else {
            out.append(contentsOf: JSONLineBytes.null)
        }
    }

    /// `UF,URX` as `"UF","URX"`, empty codes left out, as ``ResponseFlags/codes(in:)`` splits them.
    private static func appendFlags(_ value: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var first = true
        for code in value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendJSONString(UnsafeRawBufferPointer(rebasing: code), to: &out)
        }
    }

    static func appendInteger(_ number: Int64, to out: inout [UInt8]) {
        guard number >= 0 else {
            out.append(contentsOf: String(number).utf8)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var remaining = UInt64(number)
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0")
                remaining /= 10
            } while remaining > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// A JSON string of `bytes`: copied as they are when they need no escape (printable ASCII without
    /// `"` or `\`), else through `String`, so invalid UTF-8 is repaired exactly as `jsonLine` does.
    static func appendJSONString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = true
        for byte in bytes where byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: bytes)
        } else {
            JSONLineBytes.appendEscaped(String(decoding: bytes, as: UTF8.self), to: &out)
        }
        out.append(UInt8(ascii: "\""))
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

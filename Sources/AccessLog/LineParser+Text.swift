#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineParser {
    /// Matches `prefix OP sep … OP suffix`, reading fields left of the absorber left to right and those
    /// right of it right to left; see ``TextLayout``.
    func parseText(_ line: UnsafeRawBufferPointer, _ layout: TextLayout) throws(LineRejection) {
        var count = line.count
        let keepsTrailingSpace = layout.suffix.last == UInt8(ascii: " ")
        while count > 0, line[count - 1] == UInt8(ascii: "\r") || (!keepsTrailingSpace && line[count - 1] == UInt8(ascii: " ")) {
            count -= 1
        }
        let line = UnsafeRawBufferPointer(rebasing: line[..<count])
        guard Self.hasPrefix(line, layout.prefix) else {
            throw LineRejection("line does not start with \(Self.describe(layout.prefix)) as the format requires")
        }
        guard line.count >= layout.prefix.count + layout.suffix.count, Self.hasSuffix(line, layout.suffix) else {
            throw LineRejection("line does not end with \(Self.describe(layout.suffix)) as the format requires")
        }
        var left = layout.prefix.count
        var right = line.count - layout.suffix.count
        let fields = layout.fields
        for index in 0..<layout.absorber {
            let separator = layout.separators[index]
            guard let hit = Self.firstIndex(of: separator, in: line, from: left, to: right) else {
                throw LineRejection(
                    "expected \(Self.describe(separator)) after \(fields[index].label) (from column \(left + 1))"
                )
            }
            try store(fields[index], start: left, end: hit)
            left = hit + separator.count
        }
        var index = fields.count - 1
        while index > layout.absorber {
            let separator = layout.separators[index - 1]
            guard let hit = Self.lastIndex(of: separator, in: line, from: left, to: right) else {
                throw LineRejection(
                    "expected \(Self.describe(separator)) before \(fields[index].label) (ending at column \(right))"
                )
            }
            try store(fields[index], start: hit + separator.count, end: right)
            right = hit
            index -= 1
        }
        try store(fields[layout.absorber], start: left, end: right)
    }

    private static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: [UInt8]) -> Bool {
        guard !prefix.isEmpty else { return true }
        guard line.count >= prefix.count else { return false }
        return prefix.withUnsafeBytes { memcmp(line.baseAddress!, $0.baseAddress!, prefix.count) == 0 }
    }

    private static func hasSuffix(_ line: UnsafeRawBufferPointer, _ suffix: [UInt8]) -> Bool {
        guard !suffix.isEmpty else { return true }
        guard line.count >= suffix.count else { return false }
        return suffix.withUnsafeBytes { memcmp(line.baseAddress! + line.count - suffix.count, $0.baseAddress!, suffix.count) == 0 }
    }

    /// The first occurrence of `literal` lying wholly within `from..<to`.
    private static func firstIndex(of literal: [UInt8], in line: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        literal.withUnsafeBytes { needle -> Int? in
            let first = Int32(needle[0])
            let base = line.baseAddress!
            var position = from
            while to - position >= needle.count {
                guard let found = memchr(base + position, first, to - position - needle.count + 1) else { return nil }
                let offset = base.distance(to: UnsafeRawPointer(found))
                if needle.count == 1 || memcmp(base + offset + 1, needle.baseAddress! + 1, needle.count - 1) == 0 {
                    return offset
                }
                position = offset + 1
            }
            return nil
        }
    }

    /// The last occurrence of `literal` lying wholly within `from..<to`.
    private static func lastIndex(of literal: [UInt8], in line: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        literal.withUnsafeBytes { needle -> Int? in
            let base = line.baseAddress!
            var position = to - needle.count
            while position >= from {
                if base.load(fromByteOffset: position, as: UInt8.self) == needle[0],
                    needle.count == 1 || memcmp(base + position + 1, needle.baseAddress! + 1, needle.count - 1) == 0
                {
                    return position
                }
                position -= 1
            }
            return nil
        }
    }

    private static func describe(_ literal: [UInt8]) -> String {
        "'" + String(decoding: literal, as: UTF8.self) + "'"
    }
}

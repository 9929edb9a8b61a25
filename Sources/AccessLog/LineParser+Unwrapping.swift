#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineParser {
    /// The line inside `line` when `wrapper` wraps it, or `nil` when it does not. Throws when `wrapper`
    /// wraps the line but the inner line cannot be had (a CRI partial record).
    func unwrap(_ line: UnsafeRawBufferPointer, _ wrapper: LineWrapper) throws(LineRejection) -> UnsafeRawBufferPointer? {
        switch wrapper {
        case .jsonRecord: return unwrapJSONRecord(line)
        case .cri: return try Self.unwrapCRI(line)
        case .kubectlTimestamp: return Self.kubectlTimestampLength(line).map { UnsafeRawBufferPointer(rebasing: line[$0...]) }
        case .accessPrefix: return Self.unwrapAccessPrefix(line)
        case .podContainerPrefix: return Self.unwrapPodContainerPrefix(line)
        }
    }

    /// The string under `log` or `message`, with JSON escapes undone into ``unwrapped`` (the line itself
    /// stays intact) and its trailing newline dropped.
    private func unwrapJSONRecord(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard line.count >= 2, line.first == UInt8(ascii: "{") else { return nil }
        let copy = unwrapBuffer(count: line.count)
        copy.copyMemory(from: line)
        guard let start = copy.baseAddress else { return nil }
        var scanner = JSONScanner(base: UnsafeRawPointer(start), count: line.count, writable: start)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var found: (start: Int, end: Int)?
        repeat {
            scanner.skipWhitespace()
            guard let key = try? scanner.string() else { return nil }
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            guard let value = try? scanner.value(after: key) else { return nil }
            let name = UnsafeRawBufferPointer(start: start + key.start, count: key.end - key.start)
            if found == nil, value.kind == .string, name.elementsEqual("log".utf8) || name.elementsEqual("message".utf8) {
                found = (value.start, value.end)
            }
            scanner.skipWhitespace()
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), var span = found else { return nil }
        while span.end > span.start {
            let last = copy[span.end - 1]
            guard last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") else { break }
            span.end -= 1
        }
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[span.start..<span.end])
    }

    /// `TIMESTAMP STREAM TAG LINE`; the tag `P` marks a record the runtime cut from a longer line.
    private static func unwrapCRI(_ line: UnsafeRawBufferPointer) throws(LineRejection) -> UnsafeRawBufferPointer? {
        guard let stamp = kubectlTimestampLength(line), line.count >= stamp + 9 else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: line[stamp...])
        guard rest.starts(with: "stdout ".utf8) || rest.starts(with: "stderr ".utf8) else { return nil }
        let tag = rest[7]
        guard rest[8] == UInt8(ascii: " ") || rest[8] == UInt8(ascii: ":") else { return nil }
        guard let space = rest[8...].firstIndex(of: UInt8(ascii: " ")) else { return nil }
        if tag == UInt8(ascii: "P") {
            // Joining needs the next record, and a parser sees one line at a time: refuse it plainly
            // rather than parse half a line.
            throw LineRejection(
                "a CRI partial record (tag P): the container runtime cut a line longer than its buffer (16 KiB by default) into pieces, which RouteLens does not join; raise the runtime's max log line size"
            )
        }
        guard tag == UInt8(ascii: "F") else { return nil }
        return UnsafeRawBufferPointer(rebasing: rest[(space + 1)...])
    }

    private static func unwrapAccessPrefix(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        line.starts(with: "ACCESS ".utf8) ? UnsafeRawBufferPointer(rebasing: line[7...]) : nil
    }

    /// Two Kubernetes names (lower-case letters, digits, `-`, `.`) and a space each, before a line that
    /// starts as an access log does (`[` or `{`).
    private static func unwrapPodContainerPrefix(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var index = 0
        for _ in 0..<2 {
            let start = index
            while index < line.count, isKubernetesNameByte(line[index]) { index += 1 }
            guard index > start, index < line.count, line[index] == UInt8(ascii: " ") else { return nil }
            index += 1
        }
        guard index < line.count, line[index] == UInt8(ascii: "[") || line[index] == UInt8(ascii: "{") else { return nil }
        return UnsafeRawBufferPointer(rebasing: line[index...])
    }

    private static func isKubernetesNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The length of an RFC 3339 UTC timestamp and the space after it (`2020-11-22T20:04:54.223002528Z `).
    static func kubectlTimestampLength(_ line: UnsafeRawBufferPointer) -> Int? {
        guard line.count > 21, line[4] == UInt8(ascii: "-"), line[10] == UInt8(ascii: "T"),
            let space = line.prefix(40).firstIndex(of: UInt8(ascii: " ")),
            line[space - 1] == UInt8(ascii: "Z")
        else { return nil }
        var scanner = TimestampScanner(UnsafeRawBufferPointer(rebasing: line[..<space]))
        return scanner.scanRFC3339() == nil ? nil : space + 1
    }
}

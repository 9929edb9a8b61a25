#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output: `print` flushes per line when piped, which is slow for a million lines.
/// `routelens parse` writes its records in blocks of about 1 MiB, a few hundred system calls for a
/// million lines.
import AccessLog

struct StandardOutput {
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 20

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Writes `records` (lines with their newlines) once they fill a block, and empties them; with
    /// `force`, whatever they hold. Keeps this stream's order: what ``write(_:)`` buffered goes first.
    mutating func write(_ records: JSONLineBuffer, force: Bool = false) {
        guard force || records.count >= Self.blockSize else { return }
        flush()
        writeAll(records.bytes, to: STDOUT_FILENO)
        records.removeAll()
    }

    mutating func flush() {
        writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    writeAll(Array((message + "\n").utf8), to: STDERR_FILENO)
}

/// Whether standard error is a terminal, where progress can be drawn in place.
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// Writes every byte, as `write(2)` may take fewer; gives up silently when the stream is closed.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
}

private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let written = systemWrite(descriptor, base + offset, bytes.count - offset)
        if written <= 0 { return }
        offset += written
    }
}

/// `write(2)`, named apart from ``StandardOutput/write(_:)``.
#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

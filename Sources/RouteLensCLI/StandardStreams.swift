#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output: `print` flushes per line when piped, which is slow for a million lines.
/// Written in blocks of about 1 MiB, a few hundred system calls for a million `routelens parse` lines.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private static let blockSize = 1 << 20

    init() {
        buffer.reserveCapacity(Self.blockSize + (1 << 16))
    }

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Lets `body` append bytes (ending with its own newline) straight into the buffer.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= Self.blockSize { flush() }
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
    bytes.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

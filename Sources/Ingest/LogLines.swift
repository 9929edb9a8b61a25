#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Gzip

/// Reads a log file (plain or gzip, `-` for standard input) line by line, without a database: what
/// `routelens parse` and format detection need.
package enum LogLines {
    /// Calls `body` with each line, without its newline, and its 1-based number. An unterminated last
    /// line is included. Returns warnings about content that could not be read (a corrupt gzip member).
    package static func forEach(
        inFile path: String,
        _ body: (UnsafeRawBufferPointer, Int64) throws -> Void
    ) throws -> [String] {
        let reader = try LogFileReader(path: path)
        var buffer: [UInt8] = []
        var number: Int64 = 0
        var warnings: [String] = []
        var more = true
        while more {
            do {
                more = try reader.read(appendingTo: &buffer)
            } catch {
                switch error {
                case .io(let reason): throw IngestError.cannotRead(path: path, reason: reason)
                case .gzip(let gzipError):
                    warnings.append(gzipError.description)
                    more = false
                }
            }
            let taken = try buffer.withUnsafeBytes { content throws -> Int in
                var start = 0
                while start < content.count,
                    let newline = memchr(content.baseAddress! + start, Int32(UInt8(ascii: "\n")), content.count - start)
                {
                    let end = content.baseAddress!.distance(to: UnsafeRawPointer(newline))
                    number += 1
                    try body(UnsafeRawBufferPointer(rebasing: content[start..<end]), number)
                    start = end + 1
                }
                return start
            }
            buffer.removeFirst(taken)
        }
        if !buffer.isEmpty {
            number += 1
            try buffer.withUnsafeBytes { try body($0, number) }
        }
        if warnings.isEmpty, let reason = reader.incompleteGzipReason() {
            warnings.append(reason)
        }
        return warnings
    }
}

import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writing log files the way a proxy or logrotate would leave them.
enum LogFile {
    static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Appends to `path` with `O_APPEND`, as a proxy writes its log; creates the file if needed.
    static func append(_ text: String, to path: String) throws {
        try append(Array(text.utf8), to: path)
    }

    static func append(_ bytes: some Collection<UInt8>, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(bytes))
    }

    /// `bytes` as one gzip member, made by the `gzip` program as logrotate's `compress` does.
    static func gzip(_ bytes: some Collection<UInt8>, in directory: TemporaryDirectory) async throws -> [UInt8] {
        let plain = directory.path("\(UUID().uuidString).member")
        try write(bytes, to: plain)
        try await CommandOutput.system("gzip", ["-n", "-f", plain], in: directory)
        defer { try? FileManager.default.removeItem(atPath: plain + ".gz") }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
    }
}

package import Foundation
import Ingest
package import Storage

/// One tracked file as `routelens status` shows it: its checkpoint, and how far behind the file now at
/// its path the database is.
package struct TrackedFileStatus: Sendable, Equatable, Encodable {
    package var path: String
    /// A short hash of the file's first KiB of content: its identity.
    package var fingerprint: String
    package var format: String
    /// Decompressed bytes read.
    package var offset: Int64
    package var lines: Int64
    package var records: Int64
    package var rejected: Int64
    /// The size of the file now at `path`; `nil` when it is gone or now holds other content.
    package var size: Int64?
    /// Bytes not yet read: of content for plain files, of the compressed file for gzip; `nil` for files no longer
    /// there or gzip files whose checkpoint predates RouteLens recording compressed offsets.
    package var lagBytes: Int64?
    /// Seconds since the last checkpoint while bytes are waiting, else 0; `nil` when unknown.
    package var lagSeconds: Double?
    package var lastError: String?

    enum CodingKeys: String, CodingKey {
        case path, fingerprint, format, offset, lines, records, rejected, size
        case lagBytes = "lag_bytes"
        case lagSeconds = "lag_seconds"
        case lastError = "last_error"
    }

    /// The status of every file in `database`, in the order first seen.
    package static func all(in database: RequestDatabase, now: Date = Date()) throws(StorageError) -> [TrackedFileStatus] {
        try database.sourceFiles().map { TrackedFileStatus($0, now: now) }
    }

    init(_ file: SourceFile, now: Date) {
        path = file.path
        fingerprint = Self.fingerprint(file.head)
        format = file.format
        offset = file.offset
        lines = file.lines
        records = file.records
        rejected = file.rejected
        lastError = file.lastError
        let snapshot = FileSnapshot(path: file.path)
        let head = snapshot == nil ? nil : ContentHead.ofFile(at: file.path)
        guard let snapshot, let head, file.isSameFile(asHead: Data(head)) else { return }
        size = snapshot.size
        let read: Int64? = Self.isGzip(file.path) ? file.compressedOffset : file.offset
        if let read {
            let waiting = max(0, snapshot.size - read)
            lagBytes = waiting
            lagSeconds = waiting > 0 ? max(0, now.timeIntervalSince1970 - Double(file.updatedAt) / 1000) : 0
        }
    }

    /// FNV-1a, 64 bits, in hex: stable across runs and machines, and enough to tell files apart by eye.
    private static func fingerprint(_ head: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in head {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 2)) == Data([0x1F, 0x8B])
    }
}

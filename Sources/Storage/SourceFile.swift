package import Foundation
package import GRDB

/// A log file RouteLens has read, identified by its first KiB of decompressed content and the KiB before its
/// checkpoint, with the checkpoint of how far it has been read.
///
/// The identity survives renames and compression: `access.log`, then `access.log.1`, then
/// `access.log.1.gz` is one file, read once.
package struct SourceFile: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "source_file"
    package static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    package static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// How many leading bytes of decompressed content identify a file.
    package static let headLength = 1024
    /// How many bytes before the checkpoint are kept to confirm the identity.
    package static let tailLength = 1024

    package var id: Int64?
    package var head: Data
    /// The path it was last read from.
    package var path: String
    package var format: String
    /// Decompressed bytes consumed: every line before this offset is in the database.
    package var offset: Int64
    package var lines: Int64
    package var records: Int64
    package var rejected: Int64
    /// Milliseconds since the epoch of the last checkpoint.
    package var updatedAt: Int64
    /// Why the last read stopped short of the file's end (a corrupt gzip member, an oversized line), if it did.
    package var lastError: String?
    /// Up to ``tailLength`` bytes of content just before ``offset``. A head is not identity enough: two files can
    /// begin with the same KiB, and a file can be truncated and rewritten with the same first lines. A run resumes
    /// at the checkpoint only when the content there ends with these bytes; otherwise the file is another one.
    /// `nil` for checkpoints recorded before tails were.
    package var tail: Data?
    /// File bytes read when the checkpoint was committed (compressed bytes for gzip, read ahead of the checkpoint by
    /// at most a buffer): how `status` tells a gzip file's lag. `nil` for checkpoints recorded before.
    package var compressedOffset: Int64?

    package init(head: Data, path: String, format: String) {
        self.head = head
        self.path = path
        self.format = format
        offset = 0
        lines = 0
        records = 0
        rejected = 0
        updatedAt = 0
    }

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Whether a file whose content starts with `head` is this file: one head is a prefix of the other
    /// (a file shorter than a KiB grows).
    package func isSameFile(asHead head: Data) -> Bool {
        let shorter = min(self.head.count, head.count)
        return shorter > 0 && self.head.prefix(shorter) == head.prefix(shorter)
    }
}

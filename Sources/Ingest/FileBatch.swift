import RequestBatches

/// One transaction's worth of a file, as the reading thread hands it to the writer: the rows, the
/// rejected lines, and the checkpoint that committing them together brings the file to.
struct FileBatch: Sendable {
    /// A line that is not a record of the file's format, stored with why.
    struct Rejection: Sendable {
        var line: Int64
        var reason: String
        /// The line's first bytes (4 KiB at most).
        var text: [UInt8]
    }

    /// Bytes of row text past which a batch is full before `linesPerTransaction`: a file of long lines
    /// must not make a batch, of which three are in flight, hold more than this.
    static let byteLimit = 16 << 20

    var requests = RequestBatch()
    var rejections: [Rejection] = []
    var lines: Int64 = 0
    var records: Int64 = 0
    var rejected: Int64 = 0
    /// Lines holding nothing but spaces: neither records nor rejected.
    var blank: Int64 = 0
    /// The decompressed offset just past the batch's last line: the file's checkpoint once it commits.
    var checkpointOffset: Int64 = 0
    /// The content just before `checkpointOffset` (see ``SourceFile/tail``).
    var checkpointTail: [UInt8] = []
    /// File bytes read when the batch was full, for progress.
    var bytesRead: Int64 = 0
    /// Why reading stopped short while filling the batch (a corrupt gzip member, a truncated file).
    var warnings: [String] = []
}

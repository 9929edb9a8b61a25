/// How far a file's ingest has got, reported after every committed batch.
package struct IngestProgress: Sendable {
    package var path: String
    /// File bytes read (compressed bytes for gzip) and the file's size.
    package var bytesRead: Int64
    package var totalBytes: Int64
    package var lines: Int64
}

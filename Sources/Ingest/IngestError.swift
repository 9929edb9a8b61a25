/// A file RouteLens could not ingest, saying which file and what to do.
package enum IngestError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case unknownFormat(path: String, detail: String)
    case database(path: String, reason: String)
    /// Another process committed lines of this file since this run read its checkpoint; the run starts
    /// over from the new one. Handled inside ``Ingestor``, never seen by callers.
    case checkpointMoved(linesBefore: Int64)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "\(path): cannot open: \(reason)"
        case .cannotRead(let path, let reason):
            "\(path): read failed: \(reason)"
        case .unknownFormat(let path, let detail):
            "\(path): \(detail); name the format with --format, or pass the format string from your Envoy config with --format-string"
        case .checkpointMoved:
            "another process ingested part of this file meanwhile; reading on from its checkpoint"
        case .database(let path, let reason):
            "\(path): \(reason); lines up to the last commit are stored, and ingesting the file again resumes there"
        }
    }
}

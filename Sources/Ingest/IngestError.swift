/// A file RouteLens could not ingest, saying which file and what to do.
package enum IngestError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case unknownFormat(path: String, detail: String)
    case database(path: String, reason: String)
    case concurrentIngest(path: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "\(path): cannot open: \(reason)"
        case .cannotRead(let path, let reason):
            "\(path): read failed: \(reason)"
        case .unknownFormat(let path, let detail):
            "\(path): \(detail); name the format with --format, or pass the format string from your Envoy config with --format-string"
        case .concurrentIngest(let path):
            "\(path): another RouteLens process is ingesting this file into the same database; stopped without storing its lines twice (run one ingest per database)"
        case .database(let path, let reason):
            "\(path): \(reason); lines up to the last commit are stored, and ingesting the file again resumes there"
        }
    }
}

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
            "\(path): the database's checkpoint for this file went backwards while it was being read (was the database restored or edited?); stopped without storing anything twice"
        case .database(let path, let reason):
            "\(path): \(reason); lines up to the last commit are stored, and ingesting the file again resumes there"
        }
    }
}

/// A database problem, saying which database and what to do.
package enum StorageError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case queryFailed(report: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason) (check the path and permissions, or pass --db)"
        case .writeFailed(let path, let reason):
            "cannot write to database \(path): \(reason) (check free disk space and that no other process holds a write lock)"
        case .queryFailed(let report, let reason):
            "report \(report) failed: \(reason)"
        }
    }
}

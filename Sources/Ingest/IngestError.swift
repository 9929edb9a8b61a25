#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import Storage

/// A file RouteLens could not ingest, saying which file and what to do.
///
/// Callers switch on the case: a follow daemon retries a busy or full database and a file that vanished, and
/// reports a file that is not a log once.
package enum IngestError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be opened.
    case cannotOpen(path: String, FileProblem)
    /// Reading it failed part way; what was committed before stays.
    case cannotRead(path: String, reason: String)
    /// It is not an access log of any format RouteLens knows, or not of the one named.
    case unknownFormat(path: String, detail: String)
    /// The database refused the file's rows or checkpoint; ``StorageError/kind`` says why.
    case database(path: String, StorageError)

    /// Why a file cannot be opened.
    package enum FileProblem: Sendable, Equatable, CustomStringConvertible {
        case missing
        case permissionDenied
        case isDirectory
        /// Another `errno`, as `strerror(3)` words it.
        case other(String)

        /// The problem `errno` names after a failed `open(2)`.
        package init(errno number: Int32) {
            switch number {
            case ENOENT: self = .missing
            case EACCES, EPERM: self = .permissionDenied
            case EISDIR: self = .isDirectory
            default: self = .other(String(cString: strerror(number)))
            }
        }

        package var description: String {
            switch self {
            case .missing: String(cString: strerror(ENOENT))
            case .permissionDenied: String(cString: strerror(EACCES))
            case .isDirectory: "is a directory"
            case .other(let reason): reason
            }
        }
    }

    /// The file the error is about.
    package var path: String {
        switch self {
        case .cannotOpen(let path, _), .cannotRead(let path, _), .unknownFormat(let path, _), .database(let path, _): path
        }
    }

    package var description: String {
        switch self {
        case .cannotOpen(let path, let problem):
            "\(path): cannot open: \(problem)"
        case .cannotRead(let path, let reason):
            "\(path): read failed: \(reason)"
        case .unknownFormat(let path, let detail):
            "\(path): \(detail); name the format with --format, or pass the format string from your Envoy config with --format-string"
        case .database(let path, let error):
            "\(path): \(error); lines up to the last commit are stored, and ingesting the file again resumes there"
        }
    }
}

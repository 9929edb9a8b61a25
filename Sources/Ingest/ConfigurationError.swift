package import Operations
package import Routing

/// A configuration RouteLens cannot start with: a route or OpenAPI file that is missing, unreadable or invalid, or an
/// option value out of range. The message names the option, the file and — for a document — the path inside it.
package enum ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// `path`, given to `option`, does not exist.
    case missingFile(option: String, path: String)
    /// `path` exists but cannot be read.
    case unreadableFile(option: String, path: String, reason: String)
    /// A directory given to `option` holds none of the files it reads.
    case noFilesInDirectory(option: String, path: String, expected: String)
    /// A route document RouteLens cannot use; the error names its file, document and path.
    case invalidRoutes(RouteConfigError)
    /// An OpenAPI document RouteLens cannot use; the error names its file and path.
    case invalidOpenAPI(OpenAPISpecError)
    /// An option's value is not one RouteLens accepts; `expected` says what would do.
    case invalidValue(option: String, value: String, expected: String)
    /// Route files that hold no HTTP route (only TCP or TLS routes, or no route documents at all).
    case noRoutes(paths: [String])

    package var description: String {
        switch self {
        case .missingFile(let option, let path):
            "\(option): \(path) does not exist"
        case .unreadableFile(let option, let path, let reason):
            "\(option): cannot read \(path): \(reason)"
        case .noFilesInDirectory(let option, let path, let expected):
            "\(option): \(path) has no \(expected) files"
        case .invalidRoutes(let error):
            error.description
        case .invalidOpenAPI(let error):
            error.description
        case .invalidValue(let option, let value, let expected):
            "\(option) \(value) is not \(expected)"
        case .noRoutes(let paths):
            "--routes: no HTTP route was read from \(paths.joined(separator: ", ")): nothing to attribute requests to (check them with routelens routes check)"
        }
    }
}

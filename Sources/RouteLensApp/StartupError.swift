package import Ingest
package import Storage

/// Why an application could not start: its configuration or its database. Both carry what to do.
package enum StartupError: Error, Sendable, CustomStringConvertible {
    /// A route or OpenAPI file, or an option value, cannot be used.
    case configuration(ConfigurationError)
    /// The database cannot be opened or written.
    case database(StorageError)

    package var description: String {
        switch self {
        case .configuration(let error): error.description
        case .database(let error): error.description
        }
    }
}

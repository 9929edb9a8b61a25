import ArgumentParser
import Ingest
import Logging
import RouteLensApp

extension IngestApplication {
    /// Starts the application for a command; a configuration or database problem is the command's error.
    static func starting(_ configuration: IngestConfiguration) throws -> IngestApplication {
        do {
            return try IngestApplication(configuration)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension Logger {
    /// The daemon's log: info and up, to standard error.
    static var routelens: Logger {
        var logger = Logger(label: "routelens") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .info
        return logger
    }
}

/// Runs `body`, turning a configuration problem into the command's error.
func validated<T>(_ body: () throws(ConfigurationError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error.description)
    }
}

/// A command that cannot do what it was asked, for a reason its message gives (a route file, the database, an
/// unknown route): printed as `Error: …` and exit status 1. Flag syntax problems are `ValidationError`s instead,
/// thrown from `validate()` so that they print the subcommand's usage.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

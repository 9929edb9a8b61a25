import ArgumentParser
import Ingest
import Logging
import RouteLensApp

extension IngestApplication {
    /// Starts the application for a command: configuration problems print with the command's usage, as
    /// ArgumentParser's validation errors do; database problems print as errors.
    static func starting(_ configuration: IngestConfiguration) throws -> IngestApplication {
        do {
            return try IngestApplication(configuration)
        } catch .configuration(let error) {
            throw ValidationError(error.description)
        } catch .database(let error) {
            throw error
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

/// Runs `body`, turning a configuration problem into a validation error: printed with the command's usage.
func validated<T>(_ body: () throws(ConfigurationError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw ValidationError(error.description)
    }
}

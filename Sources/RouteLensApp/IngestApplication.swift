import Follow
import Foundation
import Operations
package import Ingest
package import Logging
import Platform
import Routing
package import ServiceLifecycle
package import Storage
import UnixSignals

/// RouteLens's ingest side assembled from an ``IngestConfiguration``: the database opened, route and OpenAPI files
/// loaded, and either a one-shot pass over the paths (``ingestFiles(progress:finished:)``) or the long-running
/// services — follow and retention — in one `ServiceGroup` (``run(logger:alongside:)``).
///
/// Front doors only turn their flags into a configuration and call this; a second front door adds its own service
/// to the same group:
///
/// ```swift
/// let application = try IngestApplication(configuration)
/// try await application.run(logger: logger, alongside: [httpService])
/// ```
package struct IngestApplication: Sendable {
    package let configuration: IngestConfiguration
    package let database: RequestDatabase
    package let ingestor: Ingestor
    /// With `follow` and route files: the files watched for edits.
    let routeWatch: RouteFileWatch?
    /// What the route files left out or could not settle (TCP routes, a guessed target, a weighted target nothing
    /// can attribute): for the front door to show before it starts.
    package let routeWarnings: [String]

    /// Opens the database, reads the route and OpenAPI files, and records the routes' weights as the version in
    /// force (since the beginning in a new database, else from now when they changed).
    package init(_ configuration: IngestConfiguration) throws(StartupError) {
        self.configuration = configuration
        let routes: RouteTable?
        let operations: OperationMatcher?
        do throws(ConfigurationError) {
            if configuration.follow, !configuration.routeFiles.isEmpty {
                let files = configuration.routeFiles
                let watch = try RouteFileWatch(paths: files) { () throws(ConfigurationError) in try RouteFiles.table(files) }
                routeWatch = watch
                routes = watch.table
            } else {
                routeWatch = nil
                routes = try RouteFiles.load(configuration.routeFiles)
            }
            operations = try OpenAPIFiles.load(configuration.openAPIFiles)
        } catch {
            throw .configuration(error)
        }
        routeWarnings = ((routes?.warnings ?? []) + (routes?.routes.flatMap(\.splitWarnings) ?? [])).map(\.description)
        do throws(StorageError) {
            database = try RequestDatabase(path: configuration.databasePath)
            if let routes {
                try database.recordRouteWeights(ofIngested: routes, now: configuration.clock.now)
            }
        } catch {
            throw .database(error)
        }
        ingestor = Ingestor(
            database: database, options: IngestOptions(format: configuration.format, attributor: RequestAttributor(routes: routes, operations: operations)),
            clock: configuration.clock
        )
    }

    /// The paths to read, resolved now: every file they name, rotated siblings and glob matches included, oldest
    /// first, without the database's own files; a plain path that names nothing is kept, so reading it reports why.
    package var filesToRead: [String] {
        let listing = logPaths.listing().map(\.path)
        return listing + configuration.paths.filter { FileSnapshot(path: $0) == nil && !Self.isDirectoryOrGlob($0) }
    }

    private var logPaths: LogPaths {
        LogPaths(configuration.paths, excluding: [database.path, database.path + "-wal", database.path + "-shm"])
    }

    /// What a one-shot ingest of every file did.
    package struct Totals: Sendable, Equatable {
        package var files = 0
        /// Logs that could not be read, or not to their end.
        package var failedFiles = 0
        /// Files found in a directory or by a glob that are not access logs, left alone.
        package var skippedFiles = 0
        package var lines: Int64 = 0
        package var records: Int64 = 0
        package var rejected: Int64 = 0
    }

    /// What became of one file of a one-shot ingest.
    package enum FileOutcome: Sendable {
        /// Read; `failure` in the summary says when it stopped partway, after committing what it counts.
        case read(IngestSummary)
        /// Found in a directory or by a glob but not an access log (`truth.json` beside the logs): left alone.
        case skipped(IngestError)
        /// A log that could not be read at all.
        case failed(IngestError)
    }

    /// Reads every file of the configured paths once, oldest first, blocking the calling thread. Calls `progress`
    /// after each commit and `finished` after each file. Totals count what was committed.
    ///
    /// A file named on its own that is not an access log is a failure; one that a directory or glob brought along
    /// is skipped, so a directory with a README or a JSON file beside the logs reads as the logs it holds.
    package func ingestFiles(
        progress: (String, IngestProgress) -> Void = { _, _ in },
        finished: (FileOutcome) -> Void = { _ in }
    ) -> Totals {
        let files = filesToRead
        let named = Set(configuration.paths)
        let checkpoints = database.startBackgroundCheckpoints()
        var totals = Totals(files: files.count)
        for path in files {
            do {
                let summary = try ingestor.ingest(path: path) { progress(path, $0) }
                totals.lines += summary.lines
                totals.records += summary.records
                totals.rejected += summary.rejected
                if summary.failure != nil { totals.failedFiles += 1 }
                finished(.read(summary))
            } catch {
                if case .unknownFormat = error, !named.contains(path) {
                    totals.skippedFiles += 1
                    finished(.skipped(error))
                } else {
                    totals.failedFiles += 1
                    finished(.failed(error))
                }
            }
        }
        checkpoints?.stop()
        return totals
    }

    /// The path arguments that name no file now: a glob that matches nothing, an empty directory.
    package var pathsNamingNothing: [String] {
        configuration.paths.filter { LogPaths([$0]).listing().isEmpty && Self.isDirectoryOrGlob($0) }
    }

    /// The retention the configuration asks for, if any.
    package var retention: RawRetention? {
        configuration.rawRetention.map { keep in
            var retention = RawRetention(database: database, keepingMilliseconds: keep)
            retention.holds = configuration.retentionHolds
            return retention
        }
    }

    /// The long-running services of the configuration: following the paths (with `follow`) and retention.
    package func services(logger: Logger) -> [any Service] {
        var services: [any Service] = []
        if configuration.follow {
            services.append(
                FollowService(
                    ingestor: ingestor, paths: logPaths, routes: routeWatch, pollInterval: configuration.pollInterval, logger: logger,
                    clock: configuration.clock
                )
            )
        }
        if let retention { services.append(RetentionService(retention: retention, logger: logger, clock: configuration.clock)) }
        return services
    }

    /// Runs ``services(logger:)`` and `others` in one `ServiceGroup` until SIGTERM or SIGINT shuts them down
    /// gracefully, checkpointing the WAL on a thread of its own meanwhile.
    package func run(logger: Logger, alongside others: [any Service] = []) async throws {
        let group = ServiceGroup(services: services(logger: logger) + others, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        let checkpoints = database.startBackgroundCheckpoints()
        defer { checkpoints?.stop() }
        try await group.run()
    }

    /// A missing plain path is still attempted, so its error is reported; a directory or glob that
    /// names nothing simply contributes no file.
    private static func isDirectoryOrGlob(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.contains(where: { "*?[".contains($0) }) || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}

import AccessLog
import Foundation
package import Ingest
package import Logging
package import Platform
import Routing
import ServiceLifecycle
import Storage

/// Follows a set of log paths: reads what is there, oldest first, then polls for appended lines and
/// new or rotated files until the service group shuts down gracefully (SIGTERM, SIGINT), when the batch
/// in hand is committed and `run()` returns.
///
/// Polls with `stat(2)` rather than inotify: rotation renames, truncations and files on network
/// mounts all show up in a stat, a poll of a few files every half second costs nothing measurable,
/// and one code path serves both. An appended line is queryable within one poll interval plus the
/// time to read it.
///
/// Reading and committing block, so they run on a ``BlockingWorker``'s thread: the service's task only awaits
/// them, and the cooperative pool stays free for whatever else the process serves (the HTTP endpoint).
///
/// With route files, each poll first looks at them (see ``RouteFileWatch``): a changed table attributes what is
/// read from then on, and its weights are recorded as the version in force from the time the change was seen.
/// Route files that change into something unusable are logged once and the previous table is kept.
package struct FollowService: Service {
    package let ingestor: Ingestor
    package let paths: LogPaths
    /// The route files `ingestor` attributes with, if any.
    package let routes: RouteFileWatch?
    package let pollInterval: Duration
    package let logger: Logger
    package let clock: any WallClock
    private let worker = BlockingWorker(label: "routelens-follow")

    package init(
        ingestor: Ingestor, paths: LogPaths, routes: RouteFileWatch? = nil, pollInterval: Duration, logger: Logger,
        clock: any WallClock = SystemWallClock()
    ) {
        self.ingestor = ingestor
        self.paths = paths
        self.routes = routes
        self.pollInterval = pollInterval
        self.logger = logger
        self.clock = clock
    }

    package func run() async throws {
        // Cancellation reaches the ingest loop, which stops after committing the batch in hand.
        try await cancelWhenGracefulShutdown { try await self.follow() }
    }

    private func follow() async throws {
        var planner = FollowPlanner()
        var ingestor = ingestor
        var routes = routes
        var unrecorded: UnrecordedVersion?
        logger.info("following \(paths.arguments.joined(separator: " ")) every \(pollInterval)")
        while !Task.isCancelled {
            if var watch = routes {
                await rereadRouteFilesIfChanged(&watch, ingestor: &ingestor, unrecorded: &unrecorded)
                routes = watch
            }
            let listing = await worker.run { _ in paths.listing() }
            let now = Double(clock.now) / 1000
            for path in planner.pathsToRead(in: listing, now: now) where !Task.isCancelled {
                guard let snapshot = listing.first(where: { $0.path == path }) else { continue }
                let reader = ingestor
                do {
                    let summary = try await worker.run { stop throws(IngestError) in
                        try reader.ingest(path: path, shouldStop: { stop.isRequested })
                    }
                    if summary.lines > 0 || !summary.warnings.isEmpty {
                        logger.info("\(describe(summary))")
                    }
                    if let failure = summary.failure {
                        if planner.record(.failed(reason: failure.description), of: snapshot, now: now) {
                            logger.error("\(failure.description); retrying with back-off while it lasts")
                        }
                    } else {
                        planner.record(.readToEnd, of: snapshot, now: now)
                    }
                } catch {
                    if planner.record(.failed(reason: error.description), of: snapshot, now: now) {
                        logger.error("\(error.description); retrying with back-off while it lasts")
                    }
                }
            }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                break
            }
        }
        logger.info("stopped: every batch read is committed")
    }

    /// A table whose weights are still to be recorded, because the database refused them so far.
    private struct UnrecordedVersion {
        var table: RouteTable
        var seenAt: Int64
        /// Whether a refusal was logged: the first one is, the retries are not.
        var refusalLogged = false
    }

    /// Reads the route files again if they changed: a new table attributes from now on and its weights are
    /// recorded from the time the change was seen (retried on every poll while the database refuses them).
    private func rereadRouteFilesIfChanged(_ routes: inout RouteFileWatch, ingestor: inout Ingestor, unrecorded: inout UnrecordedVersion?) async {
        let watched = routes
        let (change, polled) = await worker.run { _ in
            var watch = watched
            return (watch.poll(), watch)
        }
        routes = polled
        switch change {
        case .unchanged:
            break
        case .unusable(let error):
            logger.error("route files changed but cannot be used, so the previous routes stay in use until they change again: \(error.description)")
        case .usableAgain:
            logger.info("route files are usable again and make the routes in use")
        case .changed(let table):
            var options = ingestor.options
            options.attributor = RequestAttributor(routes: table, operations: options.attributor.operations)
            ingestor = Ingestor(database: ingestor.database, options: options, clock: clock)
            unrecorded = UnrecordedVersion(table: table, seenAt: clock.now)
            logger.info("route files changed: attributing with \(table.routes.count) routes from now on")
        }
        guard let version = unrecorded else { return }
        let since = TimestampFormatter.rfc3339(millisecondsSinceEpoch: version.seenAt)
        let database = ingestor.database
        do {
            let recorded = try await worker.run { _ throws(StorageError) in
                try database.recordRouteWeights(of: version.table, effectiveAt: version.seenAt)
            }
            logger.info("\(recorded ? "recorded the route weights in force from" : "route weights unchanged at") \(since)")
            unrecorded = nil
        } catch {
            if !version.refusalLogged {
                logger.error("cannot record the route weights in force from \(since) yet: \(error.description); retrying every poll")
            }
            unrecorded?.refusalLogged = true
        }
    }

    private func describe(_ summary: IngestSummary) -> String {
        var text = "\(summary.path): \(summary.records) records, \(summary.rejected) rejected, \(summary.lines) lines (format \(summary.format))"
        for warning in summary.warnings { text += "; warning: \(warning)" }
        return text
    }
}

import Foundation
package import Ingest
package import Logging
import ServiceLifecycle

/// Follows a set of log paths: reads what is there, oldest first, then polls for appended lines and
/// new or rotated files until the service group shuts down gracefully (SIGTERM, SIGINT), when the batch
/// in hand is committed and `run()` returns.
///
/// Polls with `stat(2)` rather than inotify: rotation renames, truncations and files on network
/// mounts all show up in a stat, a poll of a few files every half second costs nothing measurable,
/// and one code path serves both. An appended line is queryable within one poll interval plus the
/// time to read it.
package struct FollowService: Service {
    package let ingestor: Ingestor
    package let paths: LogPaths
    package let pollInterval: Duration
    package let logger: Logger

    package init(ingestor: Ingestor, paths: LogPaths, pollInterval: Duration, logger: Logger) {
        self.ingestor = ingestor
        self.paths = paths
        self.pollInterval = pollInterval
        self.logger = logger
    }

    package func run() async throws {
        // Cancellation reaches the ingest loop, which stops after committing the batch in hand.
        try await cancelWhenGracefulShutdown { try await self.follow() }
    }

    private func follow() async throws {
        var planner = FollowPlanner()
        logger.info("following \(paths.arguments.joined(separator: " ")) every \(pollInterval)")
        while !Task.isCancelled {
            let listing = paths.listing()
            let now = Date().timeIntervalSince1970
            for path in planner.pathsToRead(in: listing, now: now) where !Task.isCancelled {
                guard let snapshot = listing.first(where: { $0.path == path }) else { continue }
                do {
                    let summary = try ingestor.ingest(path: path)
                    if summary.lines > 0 || !summary.warnings.isEmpty {
                        logger.info("\(describe(summary))")
                    }
                    planner.record(.readToEnd, of: snapshot, now: now)
                } catch {
                    if planner.record(.failed(reason: "\(error)"), of: snapshot, now: now) {
                        logger.error("\(error); retrying with back-off while it lasts")
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

    private func describe(_ summary: IngestSummary) -> String {
        var text = "\(summary.path): \(summary.records) records, \(summary.rejected) rejected, \(summary.lines) lines (format \(summary.format))"
        for warning in summary.warnings { text += "; warning: \(warning)" }
        return text
    }
}

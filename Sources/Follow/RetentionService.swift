import Foundation
package import Logging
package import Platform
import ServiceLifecycle
package import Storage

/// Applies raw-row retention while RouteLens follows logs: at start and then every `interval`, rolls up
/// and deletes raw rows older than the retention period, one minute of traffic per transaction, so the
/// follower's commits interleave with it instead of waiting.
///
/// The deletes block, so they run on a ``BlockingWorker``'s thread, never on the cooperative pool.
package struct RetentionService: Service {
    package let retention: RawRetention
    package let interval: Duration
    package let logger: Logger
    package let clock: any WallClock
    private let worker = BlockingWorker(label: "routelens-retention")

    package init(retention: RawRetention, interval: Duration = .seconds(60), logger: Logger, clock: any WallClock = SystemWallClock()) {
        self.retention = retention
        self.interval = interval
        self.logger = logger
        self.clock = clock
    }

    package func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await worker.run { stop in self.applyOnce(shouldStop: { stop.isRequested }) }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Rolls up and deletes everything older than the retention period before the newest request stored (or now,
    /// if that is earlier); logs what it removed. Blocks until done or `shouldStop` says so between two minutes.
    ///
    /// Measured from the newest request, not the wall clock, so that a post-incident backfill of logs older than the
    /// retention keeps its raw rows — request ids, exact percentiles — instead of losing them minutes after loading.
    package func applyOnce(shouldStop: () -> Bool = { false }) {
        var deleted = 0
        do {
            let now = min(clock.now, try retention.database.newestStartTime() ?? clock.now)
            while !shouldStop() {
                let rows = try retention.deleteOldestMinute(now: now)
                if rows == 0 { break }
                deleted += rows
            }
            if !retention.holds.isEmpty {
                for (hold, rows) in try retention.heldRows(now: now) {
                    logger.warning("retention: keeping \(rows) raw rows older than the window until \(hold) acknowledges them")
                }
            }
        } catch {
            logger.error("retention paused: \(error.description); retrying in \(interval)")
        }
        if deleted > 0 {
            logger.info("retention: deleted \(deleted) raw rows older than \(retention.keep / 86_400_000) days before the newest request (their rollups stay)")
        }
    }
}

import Foundation
package import Logging
import ServiceLifecycle
package import Storage

/// Applies raw-row retention while RouteLens follows logs: at start and then every `interval`, rolls up
/// and deletes raw rows older than the retention period, one minute of traffic per transaction, so the
/// follower's commits interleave with it instead of waiting.
package struct RetentionService: Service {
    package let retention: RawRetention
    package let interval: Duration
    package let logger: Logger

    package init(retention: RawRetention, interval: Duration = .seconds(60), logger: Logger) {
        self.retention = retention
        self.interval = interval
        self.logger = logger
    }

    package func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                self.applyOnce()
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Rolls up and deletes everything older than the retention period; logs what it removed.
    package func applyOnce() {
        var deleted = 0
        do {
            while !Task.isCancelled {
                let rows = try retention.deleteOldestMinute(now: Int64(Date().timeIntervalSince1970 * 1000))
                if rows == 0 { break }
                deleted += rows
            }
        } catch {
            logger.error("retention paused: \(error); retrying in \(interval)")
        }
        if deleted > 0 {
            logger.info("retention: rolled up and deleted \(deleted) raw rows older than \(retention.keep / 86_400_000) days")
        }
    }
}

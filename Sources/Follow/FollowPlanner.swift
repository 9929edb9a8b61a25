/// Decides, at each poll, which log files to read: new files, files whose size, modification time or
/// inode changed since they were last read to their end, and failed files whose back-off has passed.
///
/// A plain state machine, tested without touching files: the follower feeds it the listing of each
/// poll and the outcome of each read, and does what it returns.
///
/// ```swift
/// var planner = FollowPlanner()
/// for path in planner.pathsToRead(in: listing, now: now) {
///     let outcome = read(path)
///     planner.record(outcome, of: snapshot, now: now)
/// }
/// ```
package struct FollowPlanner: Sendable {
    /// How a read of a file ended.
    package enum Outcome: Sendable, Equatable {
        /// Read to the end that was there (an unterminated last line or an unfinished gzip member waits).
        case readToEnd
        /// Could not be read (unreadable, unknown format, database busy or full); retried with back-off.
        case failed(reason: String)
    }

    private enum State: Sendable {
        /// Read to its end as it was at this snapshot.
        case caughtUp(FileSnapshot)
        /// The last read of this snapshot failed `failures` times in a row; retried at `retryAt`.
        case failing(FileSnapshot, failures: Int, retryAt: Double)
    }

    /// The longest wait before a failed file is tried again, in seconds.
    package static let maximumBackOff = 60.0

    private var files: [String: State] = [:]

    package init() {}

    /// The paths of `listing` (ordered oldest first) that should be read now, in that order. Paths no
    /// longer listed are forgotten.
    package mutating func pathsToRead(in listing: [FileSnapshot], now: Double) -> [String] {
        let listed = Set(listing.map(\.path))
        files = files.filter { listed.contains($0.key) }
        return listing.filter { snapshot in
            switch files[snapshot.path] {
            case nil:
                return true
            case .caughtUp(let previous):
                return previous != snapshot
            case .failing(let previous, _, let retryAt):
                return previous != snapshot || now >= retryAt
            }
        }
        .map(\.path)
    }

    /// Records how reading the file (as it was at `snapshot`, taken before the read) ended. Returns
    /// whether the failure is new — not a repeat of the same failure on the same unchanged file — so
    /// the follower logs each problem once, not at every retry.
    @discardableResult
    package mutating func record(_ outcome: Outcome, of snapshot: FileSnapshot, now: Double) -> Bool {
        switch outcome {
        case .readToEnd:
            files[snapshot.path] = .caughtUp(snapshot)
            return false
        case .failed:
            var failures = 1
            if case .failing(let previous, let count, _) = files[snapshot.path], previous == snapshot {
                failures = count + 1
            }
            let backOff = min(Self.maximumBackOff, Double(1 << min(failures - 1, 6)))
            files[snapshot.path] = .failing(snapshot, failures: failures, retryAt: now + backOff)
            return failures == 1
        }
    }
}

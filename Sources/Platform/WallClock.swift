import Foundation

/// The time of day as RouteLens reads it: milliseconds since the Unix epoch.
///
/// Everything that asks "what time is it now" (`--since`, the time a route file change was seen, a checkpoint's
/// `updated_at`, status lag) asks a `WallClock`, so a test can set the time instead of waiting for it.
///
/// ```swift
/// let clock: any WallClock = FixedWallClock(millisecondsSinceEpoch: 1_764_000_000_000)
/// clock.now // 1764000000000
/// ```
package protocol WallClock: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    var now: Int64 { get }
}

/// The operating system's clock.
package struct SystemWallClock: WallClock {
    package init() {}

    package var now: Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// A clock that says what it is told: for tests.
package struct FixedWallClock: WallClock {
    package var now: Int64

    package init(millisecondsSinceEpoch: Int64) {
        now = millisecondsSinceEpoch
    }
}

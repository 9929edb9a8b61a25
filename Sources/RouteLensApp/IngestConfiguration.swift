package import Ingest
package import Platform
package import Storage

/// Everything ingest needs to know, from flags or a file: the database, how to read and attribute log lines, which
/// paths to read, and whether to keep following them.
///
/// Front doors fill one in (the CLI from `routelens ingest` and `serve` flags) and hand it to ``IngestApplication``.
package struct IngestConfiguration: Sendable {
    /// The SQLite database file; created if missing.
    package var databasePath: String = RequestDatabase.defaultPath
    /// The log format: detected per file, or fixed.
    package var format: IngestOptions.FormatChoice = .auto
    /// `--routes` files and directories: routes, weights, host maps.
    package var routeFiles: [String] = []
    /// `--openapi [HOST=]FILE` arguments.
    package var openAPIFiles: [String] = []
    /// Log files, directories or quoted globs.
    package var paths: [String] = []
    /// Keep reading appended lines and new or rotated files until shut down.
    package var follow = false
    /// With ``follow``, the time between two looks at the paths.
    package var pollInterval: Duration = .milliseconds(500)
    /// How long raw request rows are kept, in milliseconds; `nil` keeps them forever.
    package var rawRetention: Int64?
    /// Readers that must see raw rows before retention deletes them (ClickHouse shippers).
    package var retentionHolds: [RetentionHold] = []
    /// What "now" is: when a route change was seen, checkpoints' times, retention's cutoff.
    package var clock: any WallClock = SystemWallClock()

    package init() {}
}

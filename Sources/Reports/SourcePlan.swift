package import Storage
import Foundation
package import GRDB

/// Where a report reads a window from: raw rows, rollups, or both, decided per report from the window and what
/// the database holds.
///
/// - Raw rows only (``Method/exact``) with `--exact`, or when the window holds at most ``smallWindowRows`` raw
///   rows (as the block index counts them) and none of its raw rows were deleted: exact nearest-rank
///   percentiles cost little there (about 100 ms), and small databases answer as they always did.
/// - Otherwise rollups, at the coarsest resolution that fits: whole days in the middle, hours up to the days,
///   minutes up to the hours, and raw rows for the parts of minutes at the window's edges, so counts stay
///   exact for any window. When an edge's raw rows are gone (retention), that edge widens to its whole minute
///   and the plan says so (``widened``).
/// - A window with no start covers the oldest rollup on; with no end, the newest.
///
/// A report that must not let a tile span an instant (split: a weight version taking effect) passes it as a cut.
package struct SourcePlan: Sendable, Equatable {
    /// How the answer's percentiles were computed.
    package enum Method: String, Sendable, Encodable {
        /// From raw rows: exact nearest-rank percentiles.
        case exact
        /// From rollups' histograms (within 0.4%); counts are exact all the same.
        case histogram
    }

    /// A stretch of time read from rollups of one resolution: `[from, to)`, both multiples of the period.
    package struct Tile: Sendable, Equatable {
        package var period: RollupPeriod
        package var from: Int64
        package var to: Int64

        package init(period: RollupPeriod, from: Int64, to: Int64) {
            (self.period, self.from, self.to) = (period, from, to)
        }
    }

    /// A stretch read from raw rows, `[from, to)`; `nil` is unbounded.
    package struct RawRange: Sendable, Equatable {
        package var from: Int64?
        package var to: Int64?

        package init(from: Int64?, to: Int64?) {
            (self.from, self.to) = (from, to)
        }
    }

    package var raw: [RawRange]
    package var tiles: [Tile]
    /// Whether rollup rows of requests without a start time count: a window over the whole database.
    package var includesUntimed: Bool
    /// Whether a window edge moved out to a minute boundary because its raw rows are gone.
    package var widened: Bool

    package var method: Method { tiles.isEmpty && !includesUntimed ? .exact : .histogram }

    /// `raw`, or the coarsest rollup period read: `1d`, `1h`, `1m`.
    package var resolution: String { tiles.map(\.period).max()?.name ?? (includesUntimed ? RollupPeriod.minute.name : "raw") }

    /// Windows with up to this many raw rows that lie in raw retention are answered from raw rows: an exact
    /// latency over 20,000 rows takes about 100 ms, and a day at one request a second (86,400) already 0.6 s.
    package static let smallWindowRows: Int64 = 20_000

    /// What the database holds, for planning: the oldest and newest raw start time and minute rollup start.
    package struct Holdings: Sendable, Equatable {
        package var oldestRaw: Int64?
        package var newestRaw: Int64?
        package var oldestRollup: Int64?
        package var newestRollup: Int64?
        /// Raw rows in the blocks that overlap the window: at least the rows in it.
        package var rawRowsInWindow: Int64

        package init(oldestRaw: Int64?, newestRaw: Int64?, oldestRollup: Int64?, newestRollup: Int64?, rawRowsInWindow: Int64) {
            self.rawRowsInWindow = rawRowsInWindow
            self.oldestRaw = oldestRaw
            self.newestRaw = newestRaw
            self.oldestRollup = oldestRollup
            self.newestRollup = newestRollup
        }

        static func read(_ db: Database, from: Int64?, to: Int64?) throws -> Holdings {
            let raw = try Row.fetchOne(db, sql: "SELECT MIN(min_time), MAX(max_time) FROM request_block")
            let rows = try Int64.fetchOne(
                db,
                sql: """
                    SELECT coalesce(SUM(last_id - first_id + 1), 0) FROM request_block
                    WHERE (:from IS NULL OR max_time >= :from) AND (:to IS NULL OR min_time < :to)
                    """,
                arguments: ["from": from, "to": to]
            )
            // Two statements: SQLite reads MIN or MAX alone off the primary key, both together by scanning every minute.
            let minute = RollupPeriod.minute.milliseconds
            let oldestRollup = try Int64.fetchOne(
                db, sql: "SELECT MIN(start) FROM request_rollup WHERE period = ? AND start > ?", arguments: [minute, RollupPeriod.noStartTime]
            )
            let newestRollup = try Int64.fetchOne(db, sql: "SELECT MAX(start) FROM request_rollup WHERE period = ?", arguments: [minute])
            return Holdings(
                oldestRaw: raw?[0], newestRaw: raw?[1], oldestRollup: oldestRollup,
                newestRollup: newestRollup == RollupPeriod.noStartTime ? nil : newestRollup, rawRowsInWindow: rows ?? 0
            )
        }
    }

    package init(raw: [RawRange], tiles: [Tile], includesUntimed: Bool = false, widened: Bool = false) {
        self.raw = raw
        self.tiles = tiles
        self.includesUntimed = includesUntimed
        self.widened = widened
    }

    /// The plan for `[from, to)` given what the database holds.
    package static func plan(
        from: Int64?, to: Int64?, exact: Bool, holdings: Holdings, cuts: [Int64] = [], exactRowLimit: Int64 = smallWindowRows
    ) -> SourcePlan {
        let rawOnly = SourcePlan(raw: [RawRange(from: from, to: to)], tiles: [])
        if exact { return rawOnly }
        guard let oldestRollup = holdings.oldestRollup, let newestRollup = holdings.newestRollup else { return rawOnly }
        let minute = RollupPeriod.minute
        /// Whether raw rows from `time` on are all still there: retention deletes whole minutes, oldest first, so
        /// none was deleted when the oldest raw row is in the oldest minute rolled up.
        func rawRowsKept(from time: Int64) -> Bool {
            guard let oldestRaw = holdings.oldestRaw else { return false }
            return time >= oldestRaw || minute.start(of: oldestRaw) <= oldestRollup
        }
        if rawRowsKept(from: from ?? Int64.min), holdings.rawRowsInWindow <= exactRowLimit {
            return rawOnly
        }
        var plan = SourcePlan(raw: [], tiles: [], includesUntimed: from == nil && to == nil)
        var start = from ?? oldestRollup
        var end = to ?? (newestRollup + minute.milliseconds)
        // An edge inside a minute whose raw rows are gone widens to the whole minute.
        if minute.start(of: start) != start, !rawRowsKept(from: start) { (start, plan.widened) = (minute.start(of: start), true) }
        if minute.start(of: end) != end, !rawRowsKept(from: minute.start(of: end)) { (end, plan.widened) = (minute.ceiling(of: end), true) }
        guard start < end else { return plan }
        // A cut inside such a minute moves to its end: the minute counts before the cut, as a tile starting before it.
        let movedCuts = cuts.map { cut in minute.start(of: cut) == cut || rawRowsKept(from: minute.start(of: cut)) ? cut : minute.ceiling(of: cut) }
        let edges = [start] + Set(movedCuts.filter { $0 > start && $0 < end }).sorted() + [end]
        for index in edges.indices.dropLast() {
            plan.add(from: edges[index], to: edges[index + 1])
        }
        return plan
    }

    /// Reads `[from, to)`: raw rows for the parts of minutes at its edges, then minutes, hours and days inward.
    private mutating func add(from: Int64, to: Int64) {
        let minute = RollupPeriod.minute
        let (start, end) = (minute.ceiling(of: from), minute.start(of: to))
        guard start < end else {
            raw.append(RawRange(from: from, to: to))
            return
        }
        if start > from { raw.append(RawRange(from: from, to: start)) }
        if end < to { raw.append(RawRange(from: end, to: to)) }
        tile(from: start, to: end, periods: [.day, .hour, .minute])
    }

    /// Covers `[from, to)` (multiples of the finest period) with the coarsest periods that fit.
    private mutating func tile(from: Int64, to: Int64, periods: ArraySlice<RollupPeriod>) {
        guard from < to, let period = periods.first else { return }
        guard periods.count > 1 else {
            tiles.append(Tile(period: period, from: from, to: to))
            return
        }
        let (start, end) = (period.ceiling(of: from), period.start(of: to))
        guard start < end else {
            tile(from: from, to: to, periods: periods.dropFirst())
            return
        }
        tile(from: from, to: start, periods: periods.dropFirst())
        tiles.append(Tile(period: period, from: start, to: end))
        tile(from: end, to: to, periods: periods.dropFirst())
    }

    /// The plan as named parameters: `:raw_ranges` and `:tiles` as JSON arrays (`[[from, to], …]`,
    /// `[[period, from, to], …]`) and `:untimed`, added to `arguments`.
    package func arguments(adding arguments: StatementArguments) -> StatementArguments {
        func number(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        let raw = "[" + self.raw.map { "[\(number($0.from)),\(number($0.to))]" }.joined(separator: ",") + "]"
        let tiles = "[" + self.tiles.map { "[\($0.period.milliseconds),\($0.from),\($0.to)]" }.joined(separator: ",") + "]"
        var merged = arguments
        _ = merged.append(contentsOf: ["raw_ranges": raw, "tiles": tiles, "untimed": includesUntimed])
        return merged
    }
}

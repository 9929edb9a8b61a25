import Reports
import Storage
import Testing

/// Which parts of a window are read from raw rows and which from rollups of which resolution.
@Suite("Source plans")
struct SourcePlanTests {
    static let day: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000
    static let minute: Int64 = 60_000
    /// Midnight, 2026-11-26.
    static let midnight: Int64 = 1_795_651_200_000

    /// Rollups over a week before and after midnight; raw rows from `oldestRaw`.
    static func holdings(oldestRaw: Int64?, rows: Int64 = 1_000_000) -> SourcePlan.Holdings {
        SourcePlan.Holdings(
            oldestRaw: oldestRaw, newestRaw: midnight + 7 * day, oldestRollup: midnight - 7 * day, newestRollup: midnight + 7 * day, rawRowsInWindow: rows
        )
    }

    @Test("A window over days reads whole days in the middle, hours and minutes towards the edges, raw rows for the partial minutes")
    func coarsestThatFits() {
        let from = Self.midnight - 2 * Self.hour - 3 * Self.minute - 1_500  // 21:56:58.500 the day before
        let to = Self.midnight + 2 * Self.day + 5 * Self.hour + 7 * Self.minute + 250
        let plan = SourcePlan.plan(from: from, to: to, exact: false, holdings: Self.holdings(oldestRaw: Self.midnight - 7 * Self.day))
        #expect(plan.method == .histogram)
        #expect(plan.resolution == "1d")
        #expect(plan.raw == [
            SourcePlan.RawRange(from: from, to: from + 1_500), SourcePlan.RawRange(from: to - 250, to: to),
        ])
        #expect(plan.tiles.map { [$0.period.milliseconds, $0.from, $0.to] } == [
            [Self.minute, from + 1_500, Self.midnight - 2 * Self.hour],
            [Self.hour, Self.midnight - 2 * Self.hour, Self.midnight],
            [Self.day, Self.midnight, Self.midnight + 2 * Self.day],
            [Self.hour, Self.midnight + 2 * Self.day, Self.midnight + 2 * Self.day + 5 * Self.hour],
            [Self.minute, Self.midnight + 2 * Self.day + 5 * Self.hour, to - 250],
        ])
        #expect(!plan.widened)
    }

    @Test("An edge inside a minute whose raw rows retention deleted widens to the whole minute, and says so")
    func widensWithoutRawRows() {
        let from = Self.midnight + 30_000
        let plan = SourcePlan.plan(from: from, to: Self.midnight + 3 * Self.hour, exact: false, holdings: Self.holdings(oldestRaw: Self.midnight + Self.day))
        #expect(plan.widened)
        #expect(plan.raw.isEmpty)
        #expect(plan.tiles.first?.from == Self.midnight)
    }

    @Test("Small windows in raw retention and --exact read raw rows only")
    func exactWhenSmallOrAsked() {
        let holdings = Self.holdings(oldestRaw: Self.midnight - Self.day, rows: 5_000)
        #expect(SourcePlan.plan(from: Self.midnight, to: Self.midnight + Self.hour, exact: false, holdings: holdings).method == .exact)
        #expect(SourcePlan.plan(from: Self.midnight - 3 * Self.day, to: nil, exact: true, holdings: Self.holdings(oldestRaw: nil)).raw
            == [SourcePlan.RawRange(from: Self.midnight - 3 * Self.day, to: nil)])
        // Fewer rows, but part of the window lies before the raw rows: rollups.
        #expect(SourcePlan.plan(from: Self.midnight - 2 * Self.day, to: Self.midnight, exact: false, holdings: holdings).method == .histogram)
    }

    @Test("No tile spans a cut; a cut inside a minute without raw rows moves to the minute's end")
    func cuts() {
        let holdings = Self.holdings(oldestRaw: Self.midnight + Self.day)
        let cut = Self.midnight + 5 * Self.hour + 30_000
        let plan = SourcePlan.plan(from: Self.midnight, to: Self.midnight + 10 * Self.hour, exact: false, holdings: holdings, cuts: [cut])
        let moved = Self.midnight + 5 * Self.hour + Self.minute
        #expect(plan.tiles.allSatisfy { $0.to <= moved || $0.from >= moved })
        #expect(plan.tiles.contains { $0.to == moved } && plan.tiles.contains { $0.from == moved })
        let covered = plan.tiles.map { $0.to - $0.from }.reduce(0, +)
        #expect(covered == 10 * Self.hour)
    }
}

import Foundation
import Platform
import Testing

@Suite("Wall clocks")
struct WallClockTests {
    @Test("The system clock reads the time of day in milliseconds")
    func systemClock() {
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let now = SystemWallClock().now
        #expect(now >= before - 1 && now <= before + 1000)
    }

    @Test("A fixed clock says what it is told")
    func fixedClock() {
        #expect(FixedWallClock(millisecondsSinceEpoch: 1_764_000_000_000).now == 1_764_000_000_000)
    }
}

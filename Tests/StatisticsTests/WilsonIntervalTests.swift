import Testing
@testable import Statistics

/// References: the Wilson formula evaluated with mpmath at 50 digits, z = 1.959963984540054:
/// p = s/n; c = (p + z²/2n)/(1 + z²/n); h = z/(1 + z²/n)·sqrt(p(1−p)/n + z²/4n²); (c − h, c + h).
@Suite("Wilson score interval")
struct WilsonIntervalTests {
    @Test("81 of 100 matches the formula")
    func typical() throws {
        let interval = try #require(WilsonInterval(successes: 81, trials: 100))
        #expect(relativeError(interval.low, 0.7222115462093562) < 1e-12)
        #expect(relativeError(interval.high, 0.8748524849023126) < 1e-12)
    }

    @Test("78000 of 100000 matches the formula")
    func largeSample() throws {
        let interval = try #require(WilsonInterval(successes: 78_000, trials: 100_000))
        #expect(relativeError(interval.low, 0.7774217931013413) < 1e-12)
        #expect(relativeError(interval.high, 0.7825566955556122) < 1e-12)
    }

    @Test("3 of 1000 matches the formula")
    func rareSuccess() throws {
        let interval = try #require(WilsonInterval(successes: 3, trials: 1000))
        #expect(relativeError(interval.low, 0.001020783881138619) < 1e-12)
        #expect(relativeError(interval.high, 0.008783014053503173) < 1e-12)
    }

    @Test("no successes give a lower bound of exactly 0 and a positive upper bound")
    func noSuccesses() throws {
        let interval = try #require(WilsonInterval(successes: 0, trials: 10))
        #expect(interval.low == 0)
        #expect(relativeError(interval.high, 0.2775327998628892) < 1e-12)
    }

    @Test("all successes give an upper bound of exactly 1")
    func allSuccesses() throws {
        let interval = try #require(WilsonInterval(successes: 10, trials: 10))
        #expect(relativeError(interval.low, 0.7224672001371107) < 1e-12)
        #expect(interval.high == 1)
    }

    @Test("a single trial still gives an interval")
    func singleTrial() throws {
        let interval = try #require(WilsonInterval(successes: 1, trials: 1))
        #expect(relativeError(interval.low, 0.20654931437723742) < 1e-12)
        #expect(interval.high == 1)
    }

    @Test("no trials give no interval")
    func noTrials() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
    }
}

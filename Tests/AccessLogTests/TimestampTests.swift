import Testing
@testable import AccessLog

@Suite("Timestamps")
struct TimestampTests {
    func milliseconds(_ value: String, _ pattern: TimestampPattern = .rfc3339) -> Int64? {
        Array(value.utf8).withUnsafeBytes { pattern.millisecondsSinceEpoch($0) }
    }

    @Test("Envoy's default START_TIME is RFC 3339 in UTC with milliseconds")
    func defaultFormat() {
        #expect(milliseconds("2016-04-15T20:17:00.310Z") == 1_460_751_420_310)
    }

    @Test("RFC 3339 with a zone offset and any number of fraction digits is accepted")
    func offsetsAndFractions() {
        #expect(milliseconds("2016-04-15T22:17:00.31+02:00") == 1_460_751_420_310)
        #expect(milliseconds("2016-04-15T20:17:00.310999999Z") == 1_460_751_420_310)
        #expect(milliseconds("2016-04-15T20:17:00Z") == 1_460_751_420_000)
    }

    @Test("strftime patterns with Envoy's %s, %3f, %6f, %9f and %E3S")
    func strftimeExtensions() throws {
        #expect(milliseconds("1460751420", try TimestampPattern(strftime: "%s")) == 1_460_751_420_000)
        #expect(milliseconds("1460751420.310", try TimestampPattern(strftime: "%s.%3f")) == 1_460_751_420_310)
        #expect(milliseconds("2016-04-15 20:17:00.310123", try TimestampPattern(strftime: "%F %T.%6f")) == 1_460_751_420_310)
        #expect(milliseconds("20:17:00.310123456 2016/04/15", try TimestampPattern(strftime: "%H:%M:%S.%9f %Y/%m/%d")) == 1_460_751_420_310)
        #expect(milliseconds("2016-04-15T20:17:00.310Z", try TimestampPattern(strftime: "%Y-%m-%dT%H:%M:%E3SZ")) == 1_460_751_420_310)
    }

    @Test("Month names and a +hhmm zone, as in %d/%b/%Y:%H:%M:%S %z")
    func monthNames() throws {
        #expect(milliseconds("15/Apr/2016:22:17:00 +0200", try TimestampPattern(strftime: "%d/%b/%Y:%H:%M:%S %z")) == 1_460_751_420_000)
    }

    @Test("A value that does not fit the pattern is not a timestamp")
    func mismatch() {
        #expect(milliseconds("2016-04-15") == nil)
        #expect(milliseconds("2016-13-15T20:17:00.310Z") == nil)
    }

    @Test("Formatting round-trips, including dates before the epoch and leap days")
    func formatting() {
        #expect(TimestampFormatter.rfc3339(millisecondsSinceEpoch: 1_460_751_420_310) == "2016-04-15T20:17:00.310Z")
        #expect(TimestampFormatter.rfc3339(millisecondsSinceEpoch: -1) == "1969-12-31T23:59:59.999Z")
        #expect(milliseconds("2024-02-29T23:59:59.999Z").map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)) == "2024-02-29T23:59:59.999Z")
    }
}

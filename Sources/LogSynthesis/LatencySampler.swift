/// Draws durations for a ``LatencyModel``: `median · 2^(spread · z)` rounded to whole milliseconds,
/// with `z` approximately standard normal.
struct LatencySampler: Sendable {
    /// Envoy's default route timeout; no duration exceeds it.
    static let routeTimeoutMilliseconds = 15_000

    /// z-score of the 99th percentile of the standard normal distribution.
    private static let p99ZScore = 2.326_347_874_040_840_8

    private let median: Double
    private let log2Spread: Double

    init(_ model: LatencyModel) {
        median = Double(model.medianMilliseconds)
        log2Spread = PortableMath.log2(Double(model.p99Milliseconds) / median) / Self.p99ZScore
    }

    func sample(using random: inout Xoshiro256StarStar) -> Int {
        let milliseconds = (median * PortableMath.exp2(log2Spread * Self.standardNormalish(using: &random))).rounded()
        return Int(min(max(milliseconds, 1), Double(Self.routeTimeoutMilliseconds)))
    }

    /// Irwin–Hall: the sum of 12 uniforms on [0, 1) minus 6 has mean 0, variance 1 and an almost normal
    /// shape within ±6. Integer sums of 16-bit draws keep it exact and platform-independent.
    private static func standardNormalish(using random: inout Xoshiro256StarStar) -> Double {
        var sum: UInt64 = 0
        for _ in 0..<3 {
            let bits = random.next()
            sum += (bits & 0xFFFF) + (bits >> 16 & 0xFFFF) + (bits >> 32 & 0xFFFF) + (bits >> 48)
        }
        return (Double(sum) + 6) / 65_536 - 6
    }
}

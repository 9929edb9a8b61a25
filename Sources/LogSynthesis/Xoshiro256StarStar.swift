/// The xoshiro256** generator (https://prng.di.unimi.it/), seeded through SplitMix64.
///
/// Hand-written because the standard library has no seedable generator, and its `random(in:using:)`
/// does not promise the same values across Swift versions; ranges are drawn here with Lemire's method
/// (https://arxiv.org/abs/1805.10941), so a seed gives the same log everywhere.
struct Xoshiro256StarStar: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    mutating func next() -> UInt64 {
        let result = rotatedLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotatedLeft(state.3, by: 45)
        return result
    }

    /// A uniform integer in `0..<bound`, without modulo bias.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let width = UInt64(bound)
        var product = next().multipliedFullWidth(by: width)
        if product.low < width {
            let threshold = (0 &- width) % width
            while product.low < threshold {
                product = next().multipliedFullWidth(by: width)
            }
        }
        return Int(product.high)
    }

    /// True with probability `perMillion / 1_000_000`.
    mutating func chance(perMillion: Int) -> Bool {
        below(1_000_000) < perMillion
    }

    /// The index `i` of the first bound above a uniform draw in `0..<bounds.last`,
    /// so index `i` comes up in proportion to `bounds[i] - bounds[i - 1]`.
    mutating func pick(cumulativeBounds bounds: [Int]) -> Int {
        let draw = below(bounds[bounds.count - 1])
        var index = 0
        while bounds[index] <= draw {
            index += 1
        }
        return index
    }

    private func rotatedLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}

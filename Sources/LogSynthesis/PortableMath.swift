/// `log2` and `exp2` built only from IEEE 754 addition, multiplication and division, which round the same
/// on every platform.
///
/// Hand-written because libm's `log2`/`exp2` may differ in the last bit between glibc and Darwin, and a
/// single bit can move a rounded duration by a millisecond and break "same seed, same bytes".
/// Accuracy is about 1e-15 relative, far below the 0.5 ms rounding step.
enum PortableMath {
    private static let naturalLogOfTwo = 0.693_147_180_559_945_3

    /// Base-2 logarithm of a positive, finite `value`.
    static func log2(_ value: Double) -> Double {
        precondition(value > 0 && value.isFinite, "log2 needs a positive finite value")
        var exponent = Double(value.exponent)
        var mantissa = value.significand
        if mantissa > 1.414_213_562_373_095_1 {
            mantissa *= 0.5
            exponent += 1
        }
        // ln(m) = 2·atanh(t) = 2·(t + t³/3 + t⁵/5 + …) with t = (m − 1)/(m + 1), |t| ≤ 0.172.
        let t = (mantissa - 1) / (mantissa + 1)
        let tSquared = t * t
        var power = t
        var series = 0.0
        for denominator in stride(from: 1.0, through: 27.0, by: 2.0) {
            series += power / denominator
            power *= tSquared
        }
        return exponent + 2 * series / naturalLogOfTwo
    }

    /// 2 raised to `value`, for `value` well inside the range of `Double` exponents.
    static func exp2(_ value: Double) -> Double {
        let whole = (value + 0.5).rounded(.down)
        // e^y by its Taylor series, |y| ≤ ln 2 / 2.
        let y = (value - whole) * naturalLogOfTwo
        var term = 1.0
        var sum = 1.0
        for index in 1...14 {
            term *= y / Double(index)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(whole), significand: sum)
    }
}

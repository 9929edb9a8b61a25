import Foundation

/// How reports and the canary judge's reasons print numbers, so that a figure reads the same in a reason line,
/// a Markdown table and an HTML page.
///
/// Locale-independent (`String(format:)` with the POSIX locale): a report must not change its decimal point
/// with the machine that ran it.
package enum NumberFormat {
    /// `0.0123` → `"1.23%"`.
    package static func percent(_ fraction: Double, digits: Int = 2) -> String {
        fixed(fraction * 100, digits: digits) + "%"
    }

    /// Two significant digits, in scientific notation below 0.001: `"0.042"`, `"3.1e-12"`, `"0"` when it
    /// underflowed (see ``pValueClause(_:)`` for prose).
    package static func pValue(_ p: Double) -> String {
        if p.isNaN { return "n/a" }
        if p == 0 { return "0" }
        // Lowercased: Foundation on Linux writes `%e`'s exponent as `E`.
        if p < 0.001 { return String(format: "%.1e", locale: posix, p).lowercased() }
        return String(format: "%.2g", locale: posix, p)
    }

    /// `"p = 0.042"`, or `"p < 1e-300"` for a p-value that underflowed to 0 (it is not exactly 0).
    package static func pValueClause(_ p: Double, name: String = "p") -> String {
        p == 0 ? "\(name) < 1e-300" : "\(name) = \(pValue(p))"
    }

    /// Up to two decimals, trailing zeros dropped: `1.5`, `0.01`, `2`.
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        var text = fixed(value, digits: 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `"23 ms"`, or `"n/a"` without a value.
    package static func milliseconds(_ value: Int64?) -> String {
        value.map { "\($0) ms" } ?? "n/a"
    }

    /// `value` with exactly `digits` decimals.
    package static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(max(0, digits))f", locale: posix, value)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}

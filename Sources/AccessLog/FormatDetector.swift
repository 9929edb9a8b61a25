/// Chooses the format that parses the most of a file's first lines, for `--format auto`: a preset,
/// possibly followed by fields the preset does not name, and possibly inside a ``LineWrapper``.
package enum FormatDetector {
    package struct Detection: Sendable, Equatable {
        package var preset: FormatPreset
        /// How many of the sampled lines the format parsed.
        package var parsed: Int
        package var sampled: Int
        /// Fields after the preset's last one (``LogFormat/init(preset:trailingFields:)``).
        package var trailingFields: Int = 0
        /// What the lines are wrapped in, outermost first.
        package var wrappers: [LineWrapper] = []

        package init(preset: FormatPreset, parsed: Int, sampled: Int, trailingFields: Int = 0, wrappers: [LineWrapper] = []) {
            self.preset = preset
            self.parsed = parsed
            self.sampled = sampled
            self.trailingFields = trailingFields
            self.wrappers = wrappers
        }

        /// The detected format, ready for a ``LineParser``: use it rather than `LogFormat(preset:)`, which
        /// knows neither the trailing fields nor the wrappers.
        package var format: LogFormat {
            var format = LogFormat(preset: preset, trailingFields: trailingFields) ?? LogFormat(preset: preset)
            format.wrappers = wrappers
            return format
        }
    }

    /// At most this many unnamed trailing fields are tried after a text preset.
    static let maximumTrailingFields = 4

    /// The best format for `lines`, or `nil` when none parses any of them. On a tie the more specific
    /// preset wins (Istio's formats extend Envoy's), and fewer trailing fields win over more. Formats
    /// with trailing fields are tried only when no preset parses the whole sample.
    package static func detect(sample lines: [[UInt8]]) -> Detection? {
        let sample = lines.filter { !$0.isEmpty }
        let textPresets: [FormatPreset] = [.istio, .istio18, .istio13, .envoy]
        var best: Detection?
        for preset in textPresets + [.json] {
            consider(LogFormat(preset: preset), preset: preset, trailingFields: 0, sample: sample, best: &best)
        }
        if (best?.parsed ?? 0) < sample.count {
            for count in 1...maximumTrailingFields {
                for preset in textPresets {
                    guard let format = LogFormat(preset: preset, trailingFields: count) else { continue }
                    consider(format, preset: preset, trailingFields: count, sample: sample, best: &best)
                }
            }
        }
        return best
    }

    private static func consider(_ format: LogFormat, preset: FormatPreset, trailingFields: Int, sample: [[UInt8]], best: inout Detection?) {
        let parser = LineParser(format: format)
        var parsed = 0
        var wrappers: [LineWrapper]?
        for line in sample {
            let accepted = line.withUnsafeBytes { bytes -> Bool in
                do {
                    try parser.parse(bytes)
                    return true
                } catch {
                    return false
                }
            }
            if accepted {
                parsed += 1
                if wrappers == nil { wrappers = parser.unwrappedBy }
            }
        }
        if parsed > (best?.parsed ?? 0) {
            best = Detection(preset: preset, parsed: parsed, sampled: sample.count, trailingFields: trailingFields, wrappers: wrappers ?? [])
        }
    }
}

/// Chooses the preset that parses the most of a file's first lines, for `--format auto`.
package enum FormatDetector {
    package struct Detection: Sendable, Equatable {
        package var preset: FormatPreset
        /// How many of the sampled lines the preset parsed.
        package var parsed: Int
        package var sampled: Int
    }

    /// The best preset for `lines`, or `nil` when no preset parses any of them. On a tie the more
    /// specific preset wins: Istio's formats extend Envoy's.
    package static func detect(sample lines: [[UInt8]]) -> Detection? {
        let candidates: [FormatPreset] = [.istio, .istio18, .istio13, .envoy, .json]
        let sample = lines.filter { !$0.isEmpty }
        var best: Detection?
        for preset in candidates {
            let parser = LineParser(format: LogFormat(preset: preset))
            var parsed = 0
            for line in sample {
                let accepted = line.withUnsafeBytes { bytes -> Bool in
                    do {
                        try parser.parse(bytes)
                        return true
                    } catch {
                        return false
                    }
                }
                if accepted { parsed += 1 }
            }
            if parsed > (best?.parsed ?? 0) {
                best = Detection(preset: preset, parsed: parsed, sampled: sample.count)
            }
        }
        return best
    }
}

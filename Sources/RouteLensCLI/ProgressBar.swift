import Foundation
import Ingest

/// A one-line progress bar on standard error, redrawn in place: bytes, lines/s and time left.
struct ProgressBar {
    let label: String
    let enabled: Bool
    private let started = Date()
    private var drawn = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    mutating func update(_ progress: IngestProgress) {
        guard enabled else { return }
        let elapsed = max(Date().timeIntervalSince(started), 1e-3)
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line = String(
            format: "\r[%@] %3.0f%% %@/%@ %.0fk lines/s ETA %@ %@",
            bar, fraction * 100, Self.megabytes(progress.bytesRead), Self.megabytes(progress.totalBytes),
            Double(progress.lines) / elapsed / 1000, Self.duration(remaining), label
        )
        printErrorInPlace(line)
        drawn = true
    }

    mutating func finish() {
        if drawn { printErrorInPlace("\r\u{1B}[K") }
        drawn = false
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }

    private func printErrorInPlace(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

import Foundation
import TestSupport
import LogSynthesis

/// 200,000 lines of the `shop` scenario's gateway log (HTTP, TCP and malformed lines, about 50 MB) with
/// where each line ends and the generator's truth; generated once and shared by the suites that need volume.
struct GeneratedLog: Sendable {
    /// Generated on a thread of its own, once: about 6 s of CPU in a debug build that would otherwise
    /// hold one of the cooperative pool's two threads and stall every other test's polling.
    static func shop() async throws -> GeneratedLog {
        try await sharedShop.value
    }

    private static let sharedShop = Task {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try GeneratedLog(lineCount: 200_000) }) }
        }
    }

    let text: [UInt8]
    /// `lineEnds[n]` is the offset just past line `n`'s newline.
    let lineEnds: [Int]
    let truth: GroundTruth

    /// `--routes` and `--format-string` for the daemon, as an operator of this gateway passes them.
    static let ingestOptions = [
        "--routes", Repository.fixture("routes/appmesh-gateway-routes.json"),
        "--format-string", TrafficScenario.formatString,
    ]

    init(lineCount: Int) throws {
        var scenario = TrafficScenario.shop
        scenario.lineCount = lineCount
        // Recent, so the daemon's raw-row retention (14 days by default with --follow) keeps every row.
        scenario.startTime = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        var generator = try LogGenerator(scenario: scenario)
        var text: [UInt8] = []
        text.reserveCapacity(lineCount * 264)
        var lineEnds: [Int] = []
        lineEnds.reserveCapacity(lineCount)
        while generator.appendNextLine(to: &text) {
            lineEnds.append(text.count)
        }
        self.text = text
        self.lineEnds = lineEnds
        truth = generator.truth
    }

    /// The bytes of lines `lines`, newlines included.
    func bytes(_ lines: Range<Int>) -> ArraySlice<UInt8> {
        let start = lines.lowerBound == 0 ? 0 : lineEnds[lines.lowerBound - 1]
        return text[start..<lineEnds[lines.upperBound - 1]]
    }
}

@testable import LogSynthesis

/// `TrafficScenario.shop` at 100 000 lines, generated, split and classified once and shared, because a
/// debug build needs seconds for each pass.
enum ShopLog {
    /// One line as the test-only splitter sees it.
    enum Line: Sendable {
        case http(SplitLine)
        case tcp(SplitLine)
        case malformed(String)

        init(_ text: String) {
            switch SplitLine(text[...]) {
            case let fields? where fields.httpShapeProblems.isEmpty: self = .http(fields)
            case let fields? where fields.isTCPRecord: self = .tcp(fields)
            default: self = .malformed(text)
            }
        }
    }

    static let scenario = {
        var scenario = TrafficScenario.shop
        scenario.lineCount = 100_000
        return scenario
    }()

    private static let generation = Result { () throws(InvalidScenario) in try LogGenerator.generate(scenario) }
    private static let classification = generation.map { generated in
        // The text ends with a newline, so the last piece is empty.
        generated.text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            .map { Line(String(decoding: $0, as: UTF8.self)) }
    }

    static func generated() throws -> (text: [UInt8], truth: GroundTruth) {
        try generation.get()
    }

    /// Every line, in order.
    static func lines() throws -> [Line] {
        try classification.get()
    }

    /// The fields of every HTTP request of the documented shape, in order.
    static func httpRequests() throws -> [SplitLine] {
        try lines().compactMap { line in
            if case .http(let fields) = line { fields } else { nil }
        }
    }
}

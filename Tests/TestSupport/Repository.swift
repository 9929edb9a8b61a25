package import Foundation

/// The checkout the tests run in: its bundled fixtures and the `routelens` executable `swift test` built.
package enum Repository {
    /// The repository root, found from this file's location (Tests/TestSupport/).
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of `fixtures/RELATIVE_PATH`.
    package static func fixture(_ relativePath: String) -> String {
        root.appendingPathComponent("fixtures").appendingPathComponent(relativePath).path
    }

    /// `swift test` builds the executable next to the test bundle.
    package static let routelens: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("routelens") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? bundle.appendingPathComponent("routelens")
    }()
}

import Foundation

/// The built `routelens` executable, run to completion as a user would, and the JSON it answers with.
enum RouteLens {
    /// The repository root, found from this file's location.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relativePath: String) -> String {
        repository.appendingPathComponent("fixtures").appendingPathComponent(relativePath).path
    }

    /// `swift test` builds the executable next to the test bundle.
    static let executable: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent(), repository.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("routelens").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? bundle.appendingPathComponent("routelens").path
    }()

    /// Runs `routelens ARGUMENTS` and waits up to a minute for it to end.
    static func run(_ arguments: [String], in directory: TemporaryDirectory) async throws -> CommandOutput {
        try await CommandOutput.run(executable: executable, arguments: arguments, in: directory)
    }

    /// `routelens status --db DATABASE --output json`, decoded.
    static func status(database: String, in directory: TemporaryDirectory) async throws -> FollowStatus {
        try await decode(FollowStatus.self, from: ["status", "--db", database, "--output", "json"], in: directory)
    }

    /// `routelens query errors --db DATABASE --output json`, decoded.
    static func errors(database: String, in directory: TemporaryDirectory) async throws -> ErrorReport {
        try await decode(ErrorReport.self, from: ["query", "errors", "--db", database, "--output", "json"], in: directory)
    }

    private static func decode<Answer: Decodable>(_ type: Answer.Type, from arguments: [String], in directory: TemporaryDirectory) async throws -> Answer {
        let output = try await run(arguments, in: directory)
        guard output.termination == .exited(0) else {
            throw CommandFailure(command: "routelens " + arguments.joined(separator: " "), termination: output.termination, standardError: output.standardError)
        }
        return try JSONDecoder().decode(Answer.self, from: Data(output.standardOutput.utf8))
    }
}

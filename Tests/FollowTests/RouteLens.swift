import Foundation
import TestSupport

/// The built `routelens` executable, run to completion as a user would, and the JSON it answers with.
enum RouteLens {
    /// The executable's path; see ``Repository/routelens``.
    static var executable: String { Repository.routelens.path }

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

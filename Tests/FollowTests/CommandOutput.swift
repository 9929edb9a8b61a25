import Foundation
import TestSupport

/// How a command run to completion ended and what it printed.
struct CommandOutput {
    var termination: ChildProcess.Termination?
    var standardOutput: String
    var standardError: String

    /// Runs `executable ARGUMENTS`, its output going to files in `directory`, and waits up to a minute.
    static func run(executable: String, arguments: [String], in directory: TemporaryDirectory) async throws -> CommandOutput {
        let name = UUID().uuidString
        let (outputPath, errorPath) = (directory.path("\(name).stdout"), directory.path("\(name).stderr"))
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let child = try ChildProcess(executable: executable, arguments: arguments, standardOutput: outputPath, standardError: errorPath)
        let termination = await child.waitForExit(within: .seconds(60))
        return CommandOutput(
            termination: termination,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs the system program `name` (`logrotate`, `gzip`), found on `PATH` or in `/usr/sbin` and `/sbin`,
    /// and throws unless it exits 0.
    @discardableResult
    static func system(_ name: String, _ arguments: [String], in directory: TemporaryDirectory) async throws -> CommandOutput {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        guard let executable = directories.map({ "\($0)/\(name)" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw MissingProgram(name: name)
        }
        let output = try await run(executable: executable, arguments: arguments, in: directory)
        guard output.termination == .exited(0) else {
            throw CommandFailure(command: ([name] + arguments).joined(separator: " "), termination: output.termination, standardError: output.standardError)
        }
        return output
    }
}

struct MissingProgram: Error, CustomStringConvertible {
    var name: String
    var description: String { "\(name) is not installed; .ci/run installs it with apt-get" }
}

struct CommandFailure: Error, CustomStringConvertible {
    var command: String
    var termination: ChildProcess.Termination?
    var standardError: String
    var description: String {
        "\(command) ended with \(termination.map(String.init(describing:)) ?? "no exit within its deadline"): \(standardError)"
    }
}

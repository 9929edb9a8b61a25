import Foundation
import TestSupport
import Testing

/// `routelens parse` as users pipe it: files, standard input, missing files.
@Suite("parse command")
struct ParseCommandTests {
    @Test("A missing file is named as missing, the other files are still printed, and the exit is non-zero")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let result = try RouteLensTool.run(["parse", directory.path("missing.log"), Repository.fixture("logs/envoy.log")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("error: \(directory.path("missing.log")): cannot open: No such file or directory"))
        #expect(result.standardOutput.split(separator: "\n").count == 11)
        #expect(result.standardError.hasSuffix("11 records, 0 rejected\n"))
    }

    @Test("Standard input is detected like a file, and prints the same records")
    func standardInputIsDetected() throws {
        let path = Repository.fixture("logs/istio-1.8.log")
        let fromFile = try RouteLensTool.run(["parse", path])
        let fromInput = try Self.run(["parse"], input: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(fromInput.status == 0)
        #expect(fromInput.standardError.contains("-: format istio-1.8 (parsed 11 of the first 11 lines)"))
        #expect(fromInput.standardOutput == fromFile.standardOutput)
        #expect(fromInput.standardOutput.split(separator: "\n").count == 11)
    }

    @Test("Lines in Docker json-file records are unwrapped, and the wrapper is named")
    func dockerRecords() throws {
        let line = #"[2026-11-26T10:00:00.000Z] "GET /a HTTP/1.1" 200 - 0 10 5 4 "-" "curl/8" "r1" "shop" "10.0.0.1:80""#
        let record = #"{"log":"\#(line.replacingOccurrences(of: "\"", with: "\\\""))\n","stream":"stdout","time":"2026-11-26T10:00:00.1Z"}"#
        let result = try Self.run(["parse"], input: Data((record + "\n" + record + "\n").utf8))
        #expect(result.standardError.contains("-: format envoy, inside json-record (parsed 2 of the first 2 lines)"))
        #expect(result.standardOutput.components(separatedBy: #""path":"/a""#).count == 3)
    }

    /// Runs the built `routelens` with `input` on its standard input.
    static func run(_ arguments: [String], input: Data) throws -> RouteLensTool.Result {
        let process = Process()
        process.executableURL = Repository.routelens
        process.arguments = arguments
        let (standardInput, output, error) = (Pipe(), Pipe(), Pipe())
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Small inputs fit the pipe's buffer, so writing before reading cannot deadlock.
        standardInput.fileHandleForWriting.write(input)
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RouteLensTool.Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}

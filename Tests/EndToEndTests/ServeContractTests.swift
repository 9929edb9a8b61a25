import Foundation
import TestSupport
import Testing

/// The real `routelens serve`, checked from outside by Python tools `.ci/run` installs: responses validated against
/// our `openapi.yaml` and the simPod Grafana contract in `../shared/contracts`, and schemathesis fuzzing the served
/// document. Skipped, with the reason, where those tools are not installed.
@Suite("routelens serve against its contracts", .serialized)
struct ServeContractTests {
    static func pythonHas(_ modules: String) -> Bool {
        (try? shellStatus("python3 -c 'import \(modules)'")) == 0
    }

    static func shellStatus(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " >/dev/null 2>&1"]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs `arguments` from the repository's root; its exit status and everything it printed.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = Repository.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(
        "Every answer matches openapi.yaml, and the Grafana ones the simPod contract",
        .enabled(if: pythonHas("openapi_core, yaml"), "needs Python's openapi-core (.ci/run installs it)")
    )
    func contracts() throws {
        let result = try Self.run(["python3", "Tests/HTTPEndpointTests/contract/check_contracts.py", "--routelens", Repository.routelens.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(" 0 failed"), "\(result.output)")
    }

    @Test(
        "schemathesis finds no server error and no answer off the document",
        .enabled(if: (try? shellStatus("command -v schemathesis && command -v curl")) == 0, "needs schemathesis and curl (.ci/run installs them)")
    )
    func fuzz() throws {
        let result = try Self.run(["bash", "Tests/HTTPEndpointTests/contract/fuzz.sh", Repository.routelens.path, "15"])
        #expect(result.status == 0, "\(result.output)")
    }
}

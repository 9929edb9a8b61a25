import Foundation
import TestSupport
import Testing

/// The same `queries/clickhouse/*.sql` the tests run on Debian's clickhouse-server 18.16, run on a current engine:
/// ClickHouse 25/26 in process through chDB (PyPI `chdb`, which `.ci/run` installs). Skipped, with the reason,
/// without it.
@Suite("ClickHouse SQL on a current engine")
struct CurrentEngineTests {
    static var hasChDB: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import chdb"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("The DDL and every report query parse and give the expected values on chDB", .enabled(if: hasChDB, "needs Python's chdb (.ci/run installs it)"))
    func currentEngine() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tests/ClickHouseTests/current-engine/check_sql.py"]
        process.currentDirectoryURL = Repository.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains(" 0 failed"), "\(output)")
    }
}

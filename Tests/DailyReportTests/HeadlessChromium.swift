import Foundation

/// Runs Debian's `chromium` headless for the report's rendering test.
enum HeadlessChromium {
    /// The first `chromium` or `chromium-browser` on the PATH.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    struct Timeout: Error {}

    /// Runs headless Chromium with `arguments` and its own profile in `profile`; returns its standard output.
    /// Gives up after 120 s, so a hung browser fails the test instead of the whole run.
    static func run(_ executable: String, _ arguments: [String], profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage",
                             "--user-data-dir=\(profile.appendingPathComponent("profile").path)"] + arguments
        let output = profile.appendingPathComponent("stdout-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Timeout()
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}

import Foundation
import Gzip
import Testing

@Suite("GzipDecoder and the gzip command")
struct GzipCommandInteropTests {
    @Test("the members `gzip -c a.log b.log` writes, with file names and times in their headers, decode to both files")
    func gzipCommandOutput() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "gzip-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = accessLog(byteCount: 300_000, seed: 30)
        let second = accessLog(byteCount: 200_000, seed: 31)
        try Data(first).write(to: directory.appending(path: "a.log"))
        try Data(second).write(to: directory.appending(path: "b.log"))

        let gzip = Process()
        gzip.executableURL = URL(filePath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-c", "a.log", "b.log"]
        gzip.currentDirectoryURL = directory
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let compressed = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)

        var decoder = GzipDecoder()
        var output: [UInt8] = []
        try decoder.feed(compressed[...], chunkSize: 4_096, into: &output)
        try decoder.finish()

        #expect(firstDifference(output, from: first + second) == nil)
        #expect(decoder.memberCount == 2)
        #expect(decoder.compressedOffset == compressed.count)
    }
}

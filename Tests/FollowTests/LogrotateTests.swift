import Foundation
import TestSupport
import Testing

extension VolumeTests {
    /// Real `logrotate -f` rotating a log that a writer appends to at about 4,000 lines/s, while
    /// `routelens ingest --follow 'logs/access.log*'` (or `logs/access.log`) follows it: every line written
    /// ends up in the database exactly once, whichever file (plain, renamed, compressed) it was in when the
    /// daemon got to it.
    @Suite("Following real logrotate", .timeLimit(.minutes(3)))
    struct LogrotateTests {
        @Test("Through four create + compress + delaycompress rotations, every line written is stored exactly once")
        func createRotations() async throws {
            try await followRotations(method: "create", following: "access.log*")
        }

        @Test("Following the file path alone, its rotated siblings come along: through four create rotations every line is stored exactly once")
        func createRotationsOfAFilePath() async throws {
            try await followRotations(method: "create", following: "access.log")
        }

        /// copytruncate copies the log, then truncates it; a line written between the two is in neither file
        /// (logrotate's documented race, not RouteLens's). The writer is paused while logrotate runs, so every
        /// line written is in some file and the assertion can be exact; counting only what logrotate's copy
        /// kept would be exact too, but could not tell a line the daemon read from the live file just before
        /// the truncation from a duplicate.
        @Test("Through four copytruncate + compress + delaycompress rotations, every line written is stored exactly once")
        func copytruncateRotations() async throws {
            try await followRotations(method: "copytruncate", following: "access.log*")
        }

        /// Rotates `logs/access.log` four times with `method` (`create` or `copytruncate`) while the writer
        /// appends and the daemon follows `logs/PATH` (a glob or the file), then checks the database against
        /// the numbers written.
        private func followRotations(method: String, following path: String) async throws {
            let directory = try TemporaryDirectory()
            let logs = try directory.subdirectory("logs")
            let log = logs + "/access.log"
            let configuration = directory.path("logrotate.conf")
            try LogFile.write(
                """
                \(log) {
                    \(method)
                    rotate 10
                    compress
                    delaycompress
                    missingok
                }

                """, to: configuration)
            let writer = PacedLogWriter.sequenced(path: log)
            writer.start()
            let database = directory.path("routelens.sqlite")
            let stored = StoredRequests(path: database)
            _ = try await poll(within: .seconds(10), until: { $0 > 0 }) { writer.written }
            // The default half-second poll: a rotation, or two, often falls between two polls, so lines the
            // daemon has not read yet are found renamed, or already compressed.
            let daemon = try FollowDaemon(database: database, paths: [logs + "/" + path], pollInterval: "0.5", in: directory)

            for cycle in 1...4 {
                // About 0.4 s of writing between rotations; the daemon reads at its own pace meanwhile.
                let before = writer.written
                _ = try await poll(within: .seconds(20), until: { $0 >= before + 1_500 }) { writer.written }
                if method == "copytruncate" { writer.pause() }
                try await CommandOutput.system("logrotate", ["-f", "-s", directory.path("logrotate.state"), configuration], in: directory)
                writer.resume()
                if method == "create" {
                    // The next rotation compresses the renamed file, so the writer must have left it by then.
                    let reopenings = try await poll(within: .seconds(10), until: { $0 >= cycle }) { writer.reopenings }
                    try #require(reopenings == cycle)
                }
            }
            // delaycompress leaves the latest rotation plain and compresses the older ones.
            let rotated = try FileManager.default.contentsOfDirectory(atPath: logs).sorted()
            try #require(rotated == ["access.log", "access.log.1", "access.log.2.gz", "access.log.3.gz", "access.log.4.gz"])
            let beforeStop = writer.written
            _ = try await poll(within: .seconds(20), until: { $0 >= beforeStop + 1_500 }) { writer.written }
            let written = await writer.stop()
            #expect(writer.failure == nil)

            let rows = try await daemon.watch(within: .seconds(60), until: { $0 >= written }) { try stored.count() }
            #expect(rows == written, "the daemon stored \(rows) of \(written) lines; its log:\n\(daemon.log)")
            let termination = await daemon.stop()
            #expect(termination == .exited(0), "\(daemon.log)")
            let coverage = SequenceCoverage(requestIDs: try stored.requestIDs(), expected: 0..<written)
            #expect(coverage.isExact, "\(coverage)")
        }
    }
}

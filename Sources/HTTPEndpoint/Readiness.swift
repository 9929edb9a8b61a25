import Foundation
import Storage

/// `GET /readyz`: the database opens and every tracked plain file has been read to within `--ready-lag`
/// seconds. A file whose path now holds a different, shorter file (rotated) or a gzip file (read whole once
/// complete) does not count as lagging; `routelens status` has the full picture.
struct Readiness: Sendable, Equatable, Encodable {
    var ready: Bool
    var database: String
    var files: Int
    var lagging: [LaggingFile]

    struct LaggingFile: Sendable, Equatable, Encodable {
        var path: String
        var lagBytes: Int64
        var lagSeconds: Double

        enum CodingKeys: String, CodingKey {
            case path
            case lagBytes = "lag_bytes"
            case lagSeconds = "lag_seconds"
        }
    }

    /// Checks `database` at `now` (milliseconds). Blocking: call from ``BlockingReads``.
    static func check(_ database: RequestDatabase, now: Int64, allowedLagSeconds: Double) throws(StorageError) -> Readiness {
        let files = try database.sourceFiles()
        let lagging = files.compactMap { file -> LaggingFile? in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
                let size = (attributes[.size] as? NSNumber)?.int64Value, size > file.offset, !isGzip(file.path)
            else { return nil }
            let seconds = max(0, Double(now - file.updatedAt) / 1000)
            return seconds > allowedLagSeconds ? LaggingFile(path: file.path, lagBytes: size - file.offset, lagSeconds: seconds) : nil
        }
        return Readiness(ready: lagging.isEmpty, database: database.path, files: files.count, lagging: lagging)
    }

    private static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 2)) == Data([0x1F, 0x8B])
    }
}

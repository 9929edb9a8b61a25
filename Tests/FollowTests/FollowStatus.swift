/// `routelens status --output json`: every file the database knows, with its checkpoint and lag.
struct FollowStatus: Decodable {
    struct File: Decodable {
        var path: String
        var fingerprint: String
        var format: String
        var offset: Int
        var lines: Int
        var records: Int
        var rejected: Int
        /// `nil` when no file is at `path` any more.
        var size: Int?
        var lagBytes: Int?
        var lagSeconds: Double?
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case path, fingerprint, format, offset, lines, records, rejected, size
            case lagBytes = "lag_bytes"
            case lagSeconds = "lag_seconds"
            case lastError = "last_error"
        }
    }

    var files: [File]

    /// The file last seen at `path`, if the database knows one.
    func file(at path: String) -> File? {
        files.last { $0.path == path }
    }

    /// Lines consumed from every file, records and rejections together.
    var lines: Int { files.reduce(0) { $0 + $1.lines } }
}

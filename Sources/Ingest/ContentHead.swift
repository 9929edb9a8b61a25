import Storage

/// The first KiB of a file's content, decompressed if it is gzip: the identity `source_file.head`
/// records, for telling whether the file now at a path is one already read.
package enum ContentHead {
    /// `nil` when the file cannot be opened or read.
    package static func ofFile(at path: String) -> [UInt8]? {
        guard let reader = try? LogFileReader(path: path) else { return nil }
        var content: [UInt8] = []
        while content.count < SourceFile.headLength {
            guard let more = try? reader.read(appendingTo: &content), more else { break }
        }
        return Array(content.prefix(SourceFile.headLength))
    }
}

extension GzipDecoder {
    /// Decompresses a whole gzip file held in memory, every member of it.
    ///
    /// ```swift
    /// let log = try GzipDecoder.decompress(compressedBytes)
    /// ```
    ///
    /// Throws ``GzipError/truncated(memberIndex:compressedOffset:)`` if `bytes` stop inside a member.
    /// For files on disk, feed a ``GzipDecoder`` chunk by chunk instead.
    package static func decompress(_ bytes: [UInt8]) throws(GzipError) -> [UInt8] {
        var decoder = GzipDecoder()
        var output: [UInt8] = []
        // `Array.withUnsafeBytes` rethrows untyped errors, so the typed one travels out in a `Result`.
        try bytes.withUnsafeBytes { input in
            Result { () throws(GzipError) in try decoder.decode(input, into: &output) }
        }.get()
        try decoder.finish()
        return output
    }
}

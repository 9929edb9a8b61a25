#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Gzip

/// Reads a log file's content in chunks, decompressing it when it is gzip (recognised by its magic
/// bytes, not its name, so `access.log.1` compressed in place or `.gz` left plain both read right).
/// The path `-` reads standard input.
///
/// A `final class` because it owns a file descriptor, closed once in `deinit`; not `Sendable`.
final class LogFileReader {
    let path: String
    /// The file's size when opened, for progress.
    let size: Int64
    /// File bytes read so far (compressed bytes for gzip), for progress.
    private(set) var bytesRead: Int64 = 0
    private(set) var isGzip = false
    private var isFirstRead = true
    private let descriptor: Int32
    private var decoder: GzipDecoder?
    private var input: UnsafeMutableRawBufferPointer
    private var atEnd = false

    init(path: String) throws(IngestError) {
        self.path = path
        descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IngestError.cannotOpen(path: path, .init(errno: errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            if descriptor != STDIN_FILENO { close(descriptor) }
            throw IngestError.cannotOpen(path: path, .isDirectory)
        }
        size = (status.st_mode & S_IFMT) == S_IFREG ? Int64(status.st_size) : 0
        input = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
        input.deallocate()
    }

    /// Appends the next chunk of content to `buffer`; returns `false` once the file is exhausted.
    ///
    /// For gzip, decoding stops at the first corrupt member: what was decoded before the damage has
    /// been appended when the error is thrown.
    func read(appendingTo buffer: inout [UInt8]) throws(ReadError) -> Bool {
        guard !atEnd else { return false }
        // zlib decodes fastest when its output stays in cache: feed gzip in 64 KiB chunks.
        let count = systemRead(descriptor, input.baseAddress, isGzip ? 64 << 10 : input.count)
        guard count >= 0 else {
            throw .io(String(cString: strerror(errno)))
        }
        guard count > 0 else {
            atEnd = true
            return false
        }
        bytesRead += Int64(count)
        let chunk = UnsafeRawBufferPointer(rebasing: input[..<count])
        if isFirstRead {
            isFirstRead = false
            isGzip = count >= 2 && chunk[0] == 0x1F && chunk[1] == 0x8B
            if isGzip { decoder = GzipDecoder() }
        }
        if isGzip {
            do {
                try decoder!.decode(chunk, into: &buffer)
            } catch {
                throw .gzip(error)
            }
        } else {
            buffer.append(contentsOf: chunk)
        }
        return true
    }

    /// For gzip, the decompressed offset where the member being decoded began: output past it is unverified until
    /// the member's CRC-32 checks out. `nil` for plain files.
    var currentGzipMemberStart: Int64? {
        switch decoder {
        case .some(let decoder): Int64(decoder.currentMemberStart)
        case .none: nil
        }
    }

    /// Moves a plain file's read position to `offset`, so resuming a large file costs one seek, not a
    /// read of everything before the checkpoint. Gzip content has no random access: it is decoded.
    func seek(to offset: Int64) {
        precondition(!isGzip, "gzip content is decoded from the start, not seeked")
        lseek(descriptor, off_t(offset), SEEK_SET)
        bytesRead = offset
    }

    /// For gzip, why the content read is incomplete (the file ends inside a member), or `nil`.
    func incompleteGzipReason() -> String? {
        guard isGzip else { return nil }
        do {
            try decoder!.finish()
            return nil
        } catch {
            return error.description
        }
    }

    enum ReadError: Error {
        case io(String)
        case gzip(GzipError)
    }
}

/// `read(2)`, named apart from ``LogFileReader/read(appendingTo:)``.
#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

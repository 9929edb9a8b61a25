import CZlib
import Gzip

/// Compresses `bytes` into one gzip member with zlib's deflate (window bits 15 + 16 select the gzip wrapper).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    deflated(bytes, windowBits: 15 + 16)
}

/// Compresses `bytes` in the zlib format (RFC 1950), which is not gzip.
func zlibCompressed(_ bytes: [UInt8]) -> [UInt8] {
    deflated(bytes, windowBits: 15)
}

private func deflated(_ bytes: [UInt8], windowBits: Int32) -> [UInt8] {
    // Heap-allocated: zlib checks that every call comes through the address it was initialised with.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { stream.deallocate() }
    let status = deflateInit2_(
        stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
        ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)
    )
    precondition(status == Z_OK, "deflateInit2 failed with code \(status)")
    defer { deflateEnd(stream) }
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))))
    let produced = input.withUnsafeMutableBufferPointer { input in
        output.withUnsafeMutableBufferPointer { output in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = output.baseAddress
            stream.pointee.avail_out = uInt(output.count)
            let status = deflate(stream, Z_FINISH)
            precondition(status == Z_STREAM_END, "deflate did not finish in one call: code \(status)")
            return output.count - Int(stream.pointee.avail_out)
        }
    }
    return Array(output[..<produced])
}

/// Envoy access log lines in the default format
/// (https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#default-format-string),
/// varied by `seed`, cut to exactly `byteCount` bytes.
func accessLog(byteCount: Int, seed: UInt64) -> [UInt8] {
    let methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"]
    let paths = ["/api/v1/orders", "/api/v1/users", "/healthz", "/static/app.js", "/api/v2/search"]
    let codes = [200, 200, 200, 201, 204, 301, 404, 500, 503]
    var state = seed
    var text: [UInt8] = []
    text.reserveCapacity(byteCount + 400)
    while text.count < byteCount {
        // SplitMix64: a fixed sequence per seed on every platform.
        state &+= 0x9E37_79B9_7F4A_7C15
        var n = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        n = (n ^ (n >> 27)) &* 0x94D0_49BB_1331_11EB
        n ^= n >> 31
        let line = "[2025-11-27T10:\(n % 60 / 10)\(n % 10):\(n >> 8 % 60 / 10)\(n >> 8 % 10).\(100 + n >> 14 % 900)Z] "
            + "\"\(methods[Int(n >> 20 % 6)]) \(paths[Int(n >> 24 % 5)])/\(n >> 28 % 100_000) HTTP/1.1\" "
            + "\(codes[Int(n >> 36 % 9)]) - \(n >> 40 % 3000) \(n >> 44 % 20_000) \(n >> 50 % 500) \(n >> 54 % 400) "
            + "\"10.0.\(n >> 56 % 256).\(n % 256)\" \"curl/8.5.0\" \"\(String(n, radix: 16))-\(String(state, radix: 16))\" "
            + "\"shop.example.com\" \"10.1.2.\(n >> 3 % 250):8080\"\n"
        text += line.utf8
    }
    return Array(text[..<byteCount])
}

extension GzipDecoder {
    /// Feeds `bytes` to the decoder `chunkSize` bytes at a time, appending what it decodes to `output`.
    mutating func feed(_ bytes: ArraySlice<UInt8>, chunkSize: Int = 65_536, into output: inout [UInt8]) throws {
        try bytes.withUnsafeBytes { bytes in
            var start = 0
            while start < bytes.count {
                let end = min(start + chunkSize, bytes.count)
                try decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &output)
                start = end
            }
        }
    }
}

/// The offset where `actual` first differs from `expected` (the shorter length if one is a prefix of the other), or `nil` if they are equal.
///
/// Outputs of many kilobytes are compared with this rather than `#expect(actual == expected)`, whose failure
/// report diffs the arrays element by element and runs for minutes on a megabyte.
func firstDifference(_ actual: [UInt8], from expected: [UInt8]) -> Int? {
    let common = min(actual.count, expected.count)
    if let offset = (0..<common).first(where: { actual[$0] != expected[$0] }) { return offset }
    return actual.count == expected.count ? nil : common
}

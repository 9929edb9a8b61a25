import CZlib

/// The pixels of an 8-bit RGB or RGBA PNG, non-interlaced: what Chromium writes for a screenshot.
///
/// Hand-written for the one test that looks at a screenshot: the package mirror has no image decoder, and
/// zlib (already a dependency for gzip) does the hard part.
struct PNGImage {
    let width: Int
    let height: Int
    /// 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Row after row, `channels` bytes a pixel, filters undone.
    let pixels: [UInt8]

    /// Decodes `bytes`; `nil` for anything but an 8-bit, non-interlaced RGB(A) PNG.
    init?(_ bytes: [UInt8]) {
        guard bytes.count > 8, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        var offset = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { return nil }
            let data = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = Array(data) }
            if type == "IDAT" { compressed += data }
            if type == "IEND" { break }
            offset += 12 + length
        }
        guard header.count == 13 else { return nil }
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let channels = header[9] == 6 ? 4 : header[9] == 2 ? 3 : 0
        guard header[8] == 8, channels > 0, header[12] == 0, width > 0, height > 0 else { return nil }

        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { output in
            compressed.withUnsafeBufferPointer { input in
                uncompress(output.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { return nil }

        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for column in 0..<stride {
                let x = Int(raw[row * (stride + 1) + 1 + column])
                let a = column >= channels ? Int(pixels[row * stride + column - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + column]) : 0
                let c = row > 0 && column >= channels ? Int(pixels[(row - 1) * stride + column - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: return nil
                }
                pixels[row * stride + column] = UInt8((x + predictor) & 0xFF)
            }
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The distinct RGB colours of the image.
    var distinctColors: Set<UInt32> {
        var colors = Set<UInt32>()
        for start in Swift.stride(from: 0, to: pixels.count, by: channels) {
            colors.insert(UInt32(pixels[start]) << 16 | UInt32(pixels[start + 1]) << 8 | UInt32(pixels[start + 2]))
        }
        return colors
    }
}

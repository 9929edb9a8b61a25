#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import AccessLog

/// Turns parsed lines into rows of a ``RequestBatch`` on the reading thread: integers as they are, the
/// request's shape (route, target, operation, low-cardinality labels and class) as a local shape id,
/// user agent and upstream host as local label ids, the rest as text.
///
/// ```swift
/// var encoder = RequestEncoder()
/// var batch = RequestBatch()
/// encoder.begin(&batch)
/// try parser.parse(line)
/// encoder.append(parser, line: 1, attribution: RequestAttribution(route: "orders", target: "orders-v1"), to: &batch)
/// ```
package struct RequestEncoder {
    package static let integerFields: [AccessLogField] = [.startTime, .status, .bytesReceived, .bytesSent, .duration, .upstreamServiceTime]
    /// Labels stored once per shape: few distinct values, and few distinct combinations of them.
    package static let shapeLabelFields: [AccessLogField] = [.method, .protocol, .flags, .details, .authority, .upstreamCluster, .routeName]
    /// Labels stored per row: each has few values, but combined with the shape's they would multiply shapes.
    package static let rowLabelFields: [AccessLogField] = [.userAgent, .upstreamHost]
    package static let textFields: [AccessLogField] = [.path, .forwardedFor, .requestID]

    /// Past this many bytes of distinct label text the dictionaries start over with the next batch, so
    /// a file with unboundedly many distinct user agents costs the writer lookups, never unbounded memory.
    package static let labelByteLimit = 4 << 20

    private var labels = LabelDictionary()
    /// Shapes keyed by their text: the route, target and operation label ids, the flags, then each shape
    /// label field's bytes, length first. One lookup of that text per line replaces seven label lookups;
    /// the labels of a shape are looked up only the first time it is seen.
    private var shapes = LabelDictionary()
    private var shapeText: [UInt8] = []
    /// Route, target and operation names seen and their label ids, up to ``nameMemoCapacity``: a few
    /// dozen names come back on every line, and comparing strings the attributor returns is cheaper
    /// than hashing their bytes.
    private var names: [(name: String, id: Int32)] = []
    package static let nameMemoCapacity = 32

    package init() {}

    /// Empties `batch` for the next rows.
    package mutating func begin(_ batch: inout RequestBatch) {
        let restarts = labels.byteCount + shapes.byteCount > Self.labelByteLimit
        if restarts {
            labels.removeAll()
            shapes.removeAll()
            names.removeAll(keepingCapacity: true)
        }
        batch.removeAll(firstNewLabel: Int32(labels.count), firstNewShape: Int32(shapes.count), restartsLocalIDs: restarts)
    }

    /// Appends the line `parser` last parsed as row `line` of its file, with its attribution.
    package mutating func append(_ parser: LineParser, line: Int64, attribution: RequestAttribution, to batch: inout RequestBatch) {
        batch.appendInteger(line)
        for field in Self.integerFields {
            batch.appendInteger(parser.integer(field))
        }
        let attributed = AttributedIDs(
            route: label(attribution.route, in: &batch),
            target: attribution.target.map { label($0, in: &batch) } ?? RequestBatch.nullLabel,
            operation: attribution.operation.map { label($0, in: &batch) } ?? RequestBatch.nullLabel,
            isTCP: parser.isTCP ? 1 : 0, isHealthCheck: attribution.isHealthCheck ? 1 : 0, isInbound: attribution.isInbound ? 1 : 0
        )
        let (shape, isNew) = shapeID(attributed, parser)
        if isNew {
            var key = [attributed.route, attributed.target, attributed.operation]
            for field in Self.shapeLabelFields {
                key.append(parser.text(field).map { label($0, in: &batch) } ?? RequestBatch.nullLabel)
            }
            key += [attributed.isTCP, attributed.isHealthCheck, attributed.isInbound]
            key.withUnsafeBufferPointer { batch.appendNewShape($0) }
        }
        batch.appendShape(shape)
        for field in Self.rowLabelFields {
            batch.appendLabel(parser.text(field).map { label($0, in: &batch) })
        }
        batch.appendText(parser.text(.path))
        batch.appendText(parser.text(.forwardedFor))
        if let requestID = parser.text(.requestID), let uuid = Self.uuidBytes(requestID) {
            withUnsafeBytes(of: uuid) { batch.appendBlob($0) }
        } else {
            batch.appendText(parser.text(.requestID))
        }
        batch.endRow()
    }

    /// The local shape id of the line's shape text, and whether this call gave it. The text is written in
    /// place into a buffer kept between lines: appending its fifteen pieces one by one measured 2.5% of
    /// ingest's CPU.
    /// The label ids of a request's attribution and its flags (0 or 1): the start of its shape text, stored
    /// as the raw bytes of this struct.
    private struct AttributedIDs {
        var route: Int32
        var target: Int32
        var operation: Int32
        var isTCP: Int32
        var isHealthCheck: Int32
        var isInbound: Int32
    }

    private mutating func shapeID(_ attributed: AttributedIDs, _ parser: LineParser) -> (id: Int32, isNew: Bool) {
        var length = MemoryLayout.size(ofValue: attributed)
        for field in Self.shapeLabelFields {
            length += 4 + (parser.text(field)?.count ?? 0)
        }
        if shapeText.count < length {
            shapeText = [UInt8](repeating: 0, count: max(length, 2 * shapeText.count))
        }
        return shapeText.withUnsafeMutableBytes { buffer in
            withUnsafeBytes(of: attributed) { buffer.copyMemory(from: $0) }
            var offset = MemoryLayout.size(ofValue: attributed)
            for field in Self.shapeLabelFields {
                let value = parser.text(field)
                buffer.storeBytes(of: Int32(value?.count ?? -1), toByteOffset: offset, as: Int32.self)
                offset += 4
                if let value, !value.isEmpty {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + value.count)]).copyMemory(from: value)
                    offset += value.count
                }
            }
            return shapes.id(of: UnsafeRawBufferPointer(rebasing: buffer[..<offset]))
        }
    }

    private mutating func label(_ text: UnsafeRawBufferPointer, in batch: inout RequestBatch) -> Int32 {
        let (id, isNew) = labels.id(of: text)
        if isNew { batch.appendNewLabel(text) }
        return id
    }

    private mutating func label(_ name: String, in batch: inout RequestBatch) -> Int32 {
        for known in names where Self.sameBytes(known.name, name) { return known.id }
        var name = name
        let id = name.withUTF8 { label(UnsafeRawBufferPointer($0), in: &batch) }
        if names.count < Self.nameMemoCapacity { names.append((name, id)) }
        return id
    }

    /// Whether two strings have the same UTF-8 bytes, as `label.text` compares them: `==` would make NFC and
    /// NFD spellings one label, and `utf8.elementsEqual` walks byte by byte (it measured 11% of the reading
    /// thread). Native strings, which the attributor returns, compare their storage directly.
    private static func sameBytes(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        let compared = left.utf8.withContiguousStorageIfAvailable { left in
            right.utf8.withContiguousStorageIfAvailable { right in
                left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
        return (compared ?? nil) ?? left.utf8.elementsEqual(right.utf8)
    }

    /// The 16 bytes of a lower-case UUID (`598a4ace-20e1-4342-a789-7060e036774a`, what Envoy generates for
    /// `x-request-id`), big-endian so the blob's hex spells the digits in order; `nil` for any other text,
    /// which is stored as it is.
    package static func uuidBytes(_ text: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        guard text.count == 36, text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"), text[18] == UInt8(ascii: "-"),
            text[23] == UInt8(ascii: "-")
        else { return nil }
        // Eight digits at a time (SWAR): this runs for every request line, and a loop over 32 bytes measured
        // 4% of ingest's CPU.
        func word(_ offset: Int) -> UInt64 { text.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func halfWord(_ offset: Int) -> UInt64 { UInt64(text.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        guard let first = hexDigits(word(0)), let second = hexDigits(halfWord(9) | halfWord(14) << 32),
            let third = hexDigits(halfWord(19) | halfWord(24) << 32), let fourth = hexDigits(word(28))
        else { return nil }
        let (high, low) = (UInt64(first) << 32 | UInt64(second), UInt64(third) << 32 | UInt64(fourth))
        return (high.bigEndian, low.bigEndian)
    }

    /// The value of eight lower-case hex digits loaded little-endian (first digit in the lowest byte), or
    /// `nil` when a byte is not one: each byte's digit value is computed, spelled back, and compared. Loads are
    /// little-endian on every platform Swift on Linux runs on.
    private static func hexDigits(_ word: UInt64) -> UInt32? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let isLetter = (word >> 6) & ones  // bit 6 is set in 'a'…'f', clear in '0'…'9'
        let values = (word & (ones &* 0x0F)) &+ isLetter &* 9
        let aboveNine = ((values &+ ones &* 0x76) >> 7) & ones
        let spelled = values &+ ones &* 0x30 &+ aboveNine &* 0x27
        guard spelled == word, values & (ones &* 0xF0) == 0 else { return nil }
        var result: UInt32 = 0
        for byte in 0..<8 {
            result = result << 4 | UInt32(truncatingIfNeeded: values >> (8 * byte)) & 0x0F
        }
        return result
    }
}

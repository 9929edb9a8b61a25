#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses access-log lines of one format into field values, without allocating per line.
///
/// ```swift
/// let parser = LineParser(format: LogFormat(preset: .envoy))
/// try parser.parse(lineBytes)
/// let status = parser.integer(.status)        // 200
/// let path = parser.string(.path)             // "/api/v1/locations"
/// ```
///
/// Values read through ``text(_:)`` point into the line (or the parser's scratch buffer): they are valid
/// until the next call to ``parse(_:)`` and while the line's bytes are alive.
///
/// A `final class` because it owns reusable scratch memory; it is not `Sendable`: give each task its own.
package final class LineParser {
    package let format: LogFormat
    /// One value per slot: the modelled fields first, then the format's extra fields.
    let values: UnsafeMutableBufferPointer<FieldValue>
    /// Where text values point: the line, or ``scratch`` when a JSON line had escapes to undo.
    private var base: UnsafeRawPointer?
    private var scratch: UnsafeMutableRawBufferPointer
    /// JSON keys that are not in the format's table, in line order.
    private(set) var unknownKeys: [(key: FieldValue, value: FieldValue)] = []
    private let textPlan: TextPlan?
    /// The wrappers the current line was unwrapped from, outermost first.
    package private(set) var unwrappedBy: [LineWrapper] = []
    /// Where a JSON record's inner line is unescaped to; separate from ``scratch``, which the inner
    /// line's own JSON escapes may need.
    private var unwrapScratch: UnsafeMutableRawBufferPointer
    /// Copies of `format`'s facts the per-line path asks, so it touches no array of the format.
    private let hasWrappers: Bool
    private let hasTrailingFields: Bool
    /// `"name":` of each of the format's extra fields, for ``appendJSONLine(to:)``.
    let extraNameFragments: [[UInt8]]
    /// The most the extras' names, separators and nulls take in a JSON line.
    let extraNamesByteCount: Int
    /// The length of the current line, which bounds what its values take in a JSON line.
    private(set) var lineByteCount = 0

    package init(format: LogFormat) {
        self.format = format
        if case .text(let layout) = format.layout {
            textPlan = TextPlan(layout)
        } else {
            textPlan = nil
        }
        values = .allocate(capacity: format.slotCount)
        values.initialize(repeating: FieldValue())
        scratch = .allocate(byteCount: 4096, alignment: 1)
        unwrapScratch = .allocate(byteCount: 4096, alignment: 1)
        extraNameFragments = format.extraNames.map(JSONLineBytes.keyFragment)
        extraNamesByteCount = extraNameFragments.reduce(0) { $0 + $1.count + 6 }
        hasWrappers = !format.wrappers.isEmpty
        hasTrailingFields = !format.trailingSlots.isEmpty
    }

    deinit {
        values.deallocate()
        scratch.deallocate()
        unwrapScratch.deallocate()
    }

    /// Parses one line (without its newline). Trailing `\r` and spaces are ignored. A line inside a
    /// container runtime's record or behind a tool's prefix (``LineWrapper``) is unwrapped: directly
    /// with the format's detected ``LogFormat/wrappers``, else by trying each wrapper once the line
    /// failed to parse as it is, so an unwrapped line costs nothing extra.
    package func parse(_ line: UnsafeRawBufferPointer) throws(LineRejection) {
        reset()
        lineByteCount = line.count
        guard !line.isEmpty else { throw LineRejection("empty line") }
        if !unwrappedBy.isEmpty { unwrappedBy.removeAll(keepingCapacity: true) }
        var current = line
        if hasWrappers {
            for wrapper in format.wrappers {
                guard let inner = try? unwrap(current, wrapper) else { break }
                current = inner
                unwrappedBy.append(wrapper)
            }
            if unwrappedBy.count != format.wrappers.count {
                current = line
                unwrappedBy.removeAll(keepingCapacity: true)
            }
        }
        do {
            try parseLayout(current)
        } catch {
            guard unwrappedBy.isEmpty else { throw error }
            try parseUnwrapping(line, original: error)
        }
        if hasTrailingFields { recogniseTrailingCluster() }
    }

    /// Tries each wrapper on a line that did not parse as it is, up to three deep (a Docker record of
    /// an `ACCESS ` line). The rejection is the innermost line's, named by its wrapper.
    private func parseUnwrapping(_ line: UnsafeRawBufferPointer, original: LineRejection) throws(LineRejection) {
        var current = line
        var failure = original
        var usedJSONRecord = false
        while unwrappedBy.count < 3 {
            var inner: UnsafeRawBufferPointer?
            for wrapper in LineWrapper.allCases where !(wrapper == .jsonRecord && usedJSONRecord) {
                do {
                    inner = try unwrap(current, wrapper)
                } catch {
                    throw LineRejection(named(error))
                }
                if let inner {
                    unwrappedBy.append(wrapper)
                    usedJSONRecord = usedJSONRecord || wrapper == .jsonRecord
                    current = inner
                    break
                }
            }
            guard inner != nil else { break }
            reset()
            do {
                try parseLayout(current)
                return
            } catch {
                failure = LineRejection(named(error))
            }
        }
        throw failure
    }

    /// A rejection's reason, said of the line inside the last wrapper.
    private func named(_ rejection: LineRejection) -> String {
        unwrappedBy.last.map { "\($0.label): \(rejection.reason)" } ?? rejection.reason
    }

    private func reset() {
        for index in values.indices { values[index].start = -1 }
        unknownKeys.removeAll(keepingCapacity: true)
    }

    /// A trailing field whose value is shaped like an Envoy cluster name becomes the upstream cluster,
    /// when the format has none of its own; the value stays among the extras too.
    private func recogniseTrailingCluster() {
        let cluster = AccessLogField.upstreamCluster.rawValue
        guard values[cluster].start < 0 else { return }
        for slot in format.trailingSlots {
            let value = values[slot]
            guard value.start >= 0, Self.isClusterShaped(bytes(value)) else { continue }
            values[cluster] = value
            return
        }
    }

    /// Envoy cluster names as Istio (`outbound|8000||httpbin.default.svc.cluster.local`, `inbound|80||`,
    /// `PassthroughCluster`) and App Mesh (`cds_egress_mesh_service`, `cds_ingress_mesh_node_http_8080`)
    /// name them.
    static func isClusterShaped(_ value: UnsafeRawBufferPointer) -> Bool {
        for prefix in ["outbound|", "inbound|", "inbound-vip|", "cds_egress_", "cds_ingress_"] where value.starts(with: prefix.utf8) {
            return value.count > prefix.utf8.count || prefix.hasSuffix("|")
        }
        return value.elementsEqual("PassthroughCluster".utf8) || value.elementsEqual("BlackHoleCluster".utf8)
            || value.elementsEqual("InboundPassthroughClusterIpv4".utf8) || value.elementsEqual("InboundPassthroughClusterIpv6".utf8)
    }

    private func parseLayout(_ line: UnsafeRawBufferPointer) throws(LineRejection) {
        base = line.baseAddress
        if let textPlan {
            try parseText(line, textPlan)
        } else if case .json(let layout) = format.layout {
            try parseJSON(line, layout)
        }
    }

    // MARK: Reading values

    /// The bytes of a text field, or `nil` when it is absent (`-` in the log, `null` in JSON).
    package func text(_ field: AccessLogField) -> UnsafeRawBufferPointer? {
        value(slot: field.rawValue)
    }

    package func string(_ field: AccessLogField) -> String? {
        text(field).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of an integer field (status, bytes, durations), or `nil` when absent.
    package func integer(_ field: AccessLogField) -> Int64? {
        let value = values[field.rawValue]
        return value.start < 0 ? nil : value.number
    }

    /// `%START_TIME%` in milliseconds since the Unix epoch, or `nil` when the format has none.
    package var startTime: Int64? { integer(.startTime) }

    /// Whether the record is a TCP (L4) connection, which Envoy logs as `"- - -"`: no method, path or
    /// protocol. TCP records stay out of HTTP statistics.
    package var isTCP: Bool {
        values[AccessLogField.method.rawValue].start < 0
            && values[AccessLogField.path.rawValue].start < 0
            && values[AccessLogField.protocol.rawValue].start < 0
    }

    /// The values of operators or keys RouteLens does not model, by name, in format order.
    package var extras: [(name: String, value: String?)] {
        var result: [(name: String, value: String?)] = []
        for (offset, name) in format.extraNames.enumerated() {
            let slot = AccessLogField.allCases.count + offset
            result.append((name, value(slot: slot).map { String(decoding: $0, as: UTF8.self) }))
        }
        for (key, value) in unknownKeys {
            let name = String(decoding: bytes(key), as: UTF8.self)
            result.append((name, value.start < 0 ? nil : String(decoding: bytes(value), as: UTF8.self)))
        }
        return result
    }

    func value(slot: Int) -> UnsafeRawBufferPointer? {
        let value = values[slot]
        return value.start < 0 ? nil : bytes(value)
    }

    func bytes(_ value: FieldValue) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base! + Int(value.start), count: Int(value.end - value.start))
    }

    // MARK: Storing values

    /// Stores the value at `start..<end` of the current base for `field`, validating and converting it.
    /// `isJSONNull` is true for a JSON `null`, which leaves the field absent.
    func store(_ field: CompiledField, start: Int, end: Int, isJSONNull: Bool = false) throws(LineRejection) {
        if isJSONNull { return }
        try store(slot: field.slot, kind: field.kind, start: start, end: end, pattern: field.timestamp) { field }
    }

    /// Stores the value at `start..<end` of the current base in `slot`, validated and converted for
    /// `kind`; `field` is asked for only to word a rejection.
    @inline(__always)
    func store(
        slot: Int, kind: AccessLogField.ValueKind, start: Int, end: Int, pattern: TimestampPattern = .rfc3339,
        field: () -> CompiledField
    ) throws(LineRejection) {
        let bytes = UnsafeRawBufferPointer(start: base! + start, count: end - start)
        if bytes.count == 1 && bytes[0] == UInt8(ascii: "-") {
            return
        }
        var value = FieldValue(start: Int32(start), end: Int32(end), number: 0)
        switch kind {
        case .text, .flags:
            break
        case .integer:
            guard let number = Self.integer(bytes) else {
                throw LineRejection("\(field().label) is \(Self.quote(bytes)), expected a whole number or -")
            }
            value.number = number
        case .timestamp:
            guard let milliseconds = pattern.millisecondsSinceEpoch(bytes) else {
                throw LineRejection("\(field().label) is \(Self.quote(bytes)), which is not a timestamp of the format")
            }
            value.number = milliseconds
        }
        values[slot] = value
    }

    func recordUnknownKey(key: (start: Int, end: Int), value: (start: Int, end: Int)?) {
        let keyValue = FieldValue(start: Int32(key.start), end: Int32(key.end), number: 0)
        let valueValue = value.map { FieldValue(start: Int32($0.start), end: Int32($0.end), number: 0) } ?? FieldValue()
        unknownKeys.append((keyValue, valueValue))
    }

    /// Makes `base` point at a private, writable copy of the line, for undoing JSON escapes in place.
    func useWritableCopy(of line: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        if scratch.count < line.count {
            scratch.deallocate()
            scratch = .allocate(byteCount: max(line.count, scratch.count * 2), alignment: 1)
        }
        scratch.copyMemory(from: line)
        base = UnsafeRawPointer(scratch.baseAddress!)
        return scratch.baseAddress!
    }

    /// A writable buffer of at least `count` bytes for ``unwrap(_:_:)``.
    func unwrapBuffer(count: Int) -> UnsafeMutableRawBufferPointer {
        if unwrapScratch.count < count {
            unwrapScratch.deallocate()
            unwrapScratch = .allocate(byteCount: max(count, unwrapScratch.count * 2), alignment: 1)
        }
        return UnsafeMutableRawBufferPointer(rebasing: unwrapScratch[..<count])
    }

    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var number: Int64 = 0
        for byte in bytes {
            let digit = Int64(byte) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            number = number &* 10 &+ digit
        }
        return number
    }

    /// A value as it appears in a rejection reason: quoted, shortened, invalid UTF-8 repaired.
    static func quote(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes.prefix(80), as: UTF8.self)
        return "'\(text)\(bytes.count > 80 ? "…" : "")'"
    }
}

/// One slot's value: a byte range of the line (or scratch), and its number for integer and time fields.
struct FieldValue {
    /// Negative when the value is absent.
    var start: Int32 = -1
    var end: Int32 = 0
    var number: Int64 = 0
}

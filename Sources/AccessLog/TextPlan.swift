/// A ``TextLayout`` flattened into plain memory for the per-line loop, so matching a line touches no
/// reference-counted value: copying `CompiledField`s and `[[UInt8]]` separators per field cost more
/// than the matching itself (measured with perf: retain/release and value-witness copies at the top).
///
/// A `final class` so the memory it owns is freed once; immutable after init, used by one parser.
final class TextPlan {
    struct Step {
        var slot: Int
        var kind: AccessLogField.ValueKind
        /// Envoy's default `START_TIME` format, parsed without touching `fields`.
        var isRFC3339: Bool
        /// Where the literal after this field (the separator, or the suffix for the last) starts in `literals`.
        var literalStart: Int
        var literalCount: Int
        /// A text field read right to left whose separator before it ends with a space but is more than
        /// one, and which is followed by a space or the line's end: a space inside its value means the
        /// line has more space-separated fields than the format, so the value would glue several of them
        /// together (see `LineParser.parseText`).
        var rejectsSpace: Bool
    }

    let steps: UnsafeMutableBufferPointer<Step>
    /// Prefix, then each field's following literal, back to back.
    let literals: UnsafeMutableRawBufferPointer
    let prefixCount: Int
    let absorber: Int
    let keepsTrailingSpace: Bool
    /// The compiled fields, for timestamp patterns and rejection reasons (not touched per line otherwise).
    let fields: [CompiledField]

    init(_ layout: TextLayout) {
        fields = layout.fields
        absorber = layout.absorber
        prefixCount = layout.prefix.count
        keepsTrailingSpace = layout.suffix.last == UInt8(ascii: " ")
        let following = layout.separators + [layout.suffix]
        var bytes = layout.prefix
        steps = .allocate(capacity: layout.fields.count)
        for (index, field) in layout.fields.enumerated() {
            steps[index] = Step(
                slot: field.slot,
                kind: field.kind,
                isRFC3339: field.timestamp == .rfc3339,
                literalStart: bytes.count,
                literalCount: following[index].count,
                rejectsSpace: field.kind == .text && index > layout.absorber
                    && following[index - 1] != [UInt8(ascii: " ")] && following[index - 1].last == UInt8(ascii: " ")
                    && (following[index] == [UInt8(ascii: " ")] || (index == layout.fields.count - 1 && following[index].isEmpty))
            )
            bytes += following[index]
        }
        literals = .allocate(byteCount: max(bytes.count, 1), alignment: 1)
        literals.copyBytes(from: bytes)
    }

    var suffixCount: Int { steps[steps.count - 1].literalCount }

    deinit {
        steps.deallocate()
        literals.deallocate()
    }
}

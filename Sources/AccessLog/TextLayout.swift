/// A compiled text format: `prefix OP sep OP sep … OP suffix`.
///
/// Envoy does not escape what it substitutes into a text format (envoy#4191), so a User-Agent may
/// contain `" "` and shift every field after it. The parser therefore anchors the line at both ends:
/// the fields left of the ``absorber`` are read left to right, the fields right of it right to left,
/// and the absorber takes whatever is in between.
struct TextLayout: Sendable {
    var prefix: [UInt8]
    var suffix: [UInt8]
    var fields: [CompiledField]
    /// `separators[i]` stands between `fields[i]` and `fields[i + 1]`.
    var separators: [[UInt8]]
    var absorber: Int

    init(_ format: FormatString, extraNames: inout [String]) throws(FormatStringError) {
        var prefix: [UInt8] = []
        var suffix: [UInt8] = []
        var fields: [CompiledField] = []
        var separators: [[UInt8]] = []
        var ranks: [Int] = []
        var pendingLiteral: [UInt8]?
        for (element, position) in zip(format.elements, format.positions) {
            switch element {
            case .literal(let text):
                pendingLiteral = Array(text.utf8)
            case .operator(let op):
                if fields.isEmpty {
                    prefix = pendingLiteral ?? []
                } else {
                    guard let separator = pendingLiteral else {
                        throw FormatStringError(
                            position: position,
                            reason: "\(op) follows \(fields[fields.count - 1].label) with nothing between them,"
                                + " so a log line cannot say where one ends; put a separator between them"
                        )
                    }
                    separators.append(separator)
                }
                pendingLiteral = nil
                let field = try CompiledField(op, extraSlot: {
                    extraNames.append(op.name)
                    return AccessLogField.allCases.count + extraNames.count - 1
                }, position: position)
                fields.append(field)
                ranks.append(op.field?.absorbRank ?? (op.command == "REQ" || op.command == "RESP" ? 3 : 1))
            }
        }
        suffix = pendingLiteral ?? []
        guard !fields.isEmpty else {
            throw FormatStringError(position: 1, reason: "the format string has no command operator, so it describes no field")
        }
        self.prefix = prefix
        self.suffix = suffix
        self.fields = fields
        self.separators = separators
        // The first field of the highest rank absorbs the ambiguity.
        self.absorber = ranks.indices.max { ranks[$0] < ranks[$1] || (ranks[$0] == ranks[$1] && $0 > $1) } ?? 0
    }
}

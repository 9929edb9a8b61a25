/// Where the parser stores one operator's value, and how it validates it.
struct CompiledField: Sendable, Equatable {
    /// Index into the parser's value slots: a modelled field's `rawValue`, or past them for extras.
    var slot: Int
    var kind: AccessLogField.ValueKind
    var timestamp: TimestampPattern
    /// How the operator is named in rejection reasons, e.g. `%DURATION%`.
    var label: String

    init(_ op: FormatOperator, extraSlot: () -> Int, position: Int) throws(FormatStringError) {
        if let field = op.field {
            slot = field.rawValue
            kind = field.valueKind
        } else {
            slot = extraSlot()
            kind = .text
        }
        timestamp = .rfc3339
        if kind == .timestamp, let pattern = op.argument, !pattern.isEmpty {
            timestamp = try TimestampPattern(strftime: pattern, position: position + op.command.count + 2)
        }
        label = op.description
    }
}

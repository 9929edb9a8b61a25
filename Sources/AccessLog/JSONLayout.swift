/// A compiled JSON-lines format: which key holds which operator's value.
///
/// Keys not in the table are kept as extra fields under their own names, so any JSON access log parses.
struct JSONLayout: Sendable {
    /// Keys bucketed by their UTF-8 length; a line's key is compared only with keys of its length.
    private var buckets: [[(key: [UInt8], field: CompiledField)]]

    init(keys: [(key: String, format: String)], extraNames: inout [String]) throws(JSONFormatError) {
        buckets = []
        for (key, formatText) in keys {
            let format: FormatString
            do {
                format = try FormatString(formatText)
            } catch {
                throw JSONFormatError(key: key, reason: error.description)
            }
            guard format.elements.count == 1, case .operator(let op) = format.elements[0] else {
                throw JSONFormatError(
                    key: key,
                    reason: "the value must be exactly one command operator such as \"%RESPONSE_CODE%\", not \(formatText.debugDescription)"
                )
            }
            let field: CompiledField
            do {
                field = try CompiledField(op, extraSlot: {
                    extraNames.append(key)
                    return AccessLogField.allCases.count + extraNames.count - 1
                }, position: 1)
            } catch {
                throw JSONFormatError(key: key, reason: error.description)
            }
            let bytes = Array(key.utf8)
            while buckets.count <= bytes.count { buckets.append([]) }
            buckets[bytes.count].append((bytes, field))
        }
    }

    /// A few of the format's keys, for a rejection reason.
    var someKeys: String {
        let keys = buckets.joined().map { String(decoding: $0.key, as: UTF8.self) }
        let shown = keys.count > 4 ? ["start_time", "method", "path", "response_code"].filter(keys.contains) : keys
        return (shown.isEmpty ? Array(keys.prefix(4)) : shown).joined(separator: ", ") + (keys.count > shown.count ? ", …" : "")
    }

    func field(forKey key: UnsafeRawBufferPointer) -> CompiledField? {
        guard key.count < buckets.count else { return nil }
        for entry in buckets[key.count] where entry.key.withUnsafeBytes({ $0.elementsEqual(key) }) {
            return entry.field
        }
        return nil
    }
}

/// A `json_format` mapping RouteLens cannot use, naming the key at fault.
package struct JSONFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    package var key: String
    package var reason: String

    package var description: String {
        "json format, key \(key.debugDescription): \(reason)"
    }
}

/// An Envoy access-log format string split into literal text and command operators.
///
/// ```swift
/// let format = try FormatString(#"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%" %RESPONSE_CODE%"#)
/// ```
///
/// The grammar is Envoy's: `%COMMAND%`, `%COMMAND(ARGUMENT)%`, `%COMMAND(ARGUMENT):N%`, with everything else
/// literal and `%%` a literal percent sign (Envoy 1.22 and later); see
/// <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#format-strings>.
/// One trailing newline, real or written as the two characters `\n` (as pasted from YAML), ends the format.
package struct FormatString: Sendable, Equatable {
    package enum Element: Sendable, Equatable {
        case literal(String)
        case `operator`(FormatOperator)
    }

    package var elements: [Element]
    /// The 1-based character position of each element in the format string, for error messages.
    package var positions: [Int]

    package init(_ text: String) throws(FormatStringError) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
        } else if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "\\"), bytes.last == UInt8(ascii: "n") {
            bytes.removeLast(2)
        }
        guard !bytes.isEmpty else {
            throw FormatStringError(position: 1, reason: "the format string is empty")
        }
        var elements: [Element] = []
        var positions: [Int] = []
        var literal: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                literal.append(bytes[index])
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "%") {
                literal.append(UInt8(ascii: "%"))
                index += 2
                continue
            }
            let (op, end) = try Self.readOperator(bytes, at: index)
            if !literal.isEmpty {
                elements.append(.literal(String(decoding: literal, as: UTF8.self)))
                positions.append(index - literal.count + 1)
                literal.removeAll()
            }
            elements.append(.operator(op))
            positions.append(index + 1)
            index = end
        }
        if !literal.isEmpty {
            elements.append(.literal(String(decoding: literal, as: UTF8.self)))
            positions.append(index - literal.count + 1)
        }
        self.elements = elements
        self.positions = positions
    }

    /// Reads `%NAME(ARG):N%` starting at the `%` at `start`; returns the operator and the index after it.
    private static func readOperator(_ bytes: [UInt8], at start: Int) throws(FormatStringError) -> (FormatOperator, Int) {
        var index = start + 1
        while index < bytes.count, isCommandCharacter(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        guard !name.isEmpty else {
            throw FormatStringError(
                position: start + 1,
                reason: "'%' must start a command operator such as %START_TIME% or %REQ(:PATH)%"
            )
        }
        var argument: String?
        if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) else {
                throw FormatStringError(position: index + 1, reason: "%\(name)( has no closing ')'")
            }
            argument = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            index = close + 1
        }
        var maxLength: Int?
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            let digitsStart = index + 1
            index = digitsStart
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > digitsStart, let length = Int(String(decoding: bytes[digitsStart..<index], as: UTF8.self)) else {
                throw FormatStringError(position: digitsStart + 1, reason: "expected a maximum length after ':' in %\(name)")
            }
            maxLength = length
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "%") else {
            throw FormatStringError(position: start + 1, reason: "command operator %\(name) is not closed by '%'")
        }
        let command = switch name {
        case "REQUEST_HEADER": "REQ"
        case "RESPONSE_HEADER": "RESP"
        case "RESPONSE_TRAILER": "TRAILER"
        default: name
        }
        return (FormatOperator(command: command, argument: argument, maxLength: maxLength), index + 1)
    }

    private static func isCommandCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
}

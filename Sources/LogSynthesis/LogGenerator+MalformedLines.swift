extension LogGenerator {
    /// Appends a line a parser must reject, without the newline: an HTTP line cut short before its
    /// `X-FORWARDED-FOR` field (as when a disk fills mid-write), printable garbage, or a line in Envoy's
    /// JSON format from a misconfigured listener.
    mutating func appendMalformedLine(to buffer: inout [UInt8]) {
        let lineStart = buffer.count
        switch random.below(3) {
        case 0:
            let request = appendHTTPRequest(to: &buffer)
            let cut = lineStart + 1 + random.below(request.forwardedForOffset - lineStart)
            buffer.removeSubrange(cut...)
        case 1:
            appendGarbage(to: &buffer)
        default:
            appendJSONRecord(to: &buffer)
        }
    }

    /// Printable ASCII that never starts with `[`, so it cannot be mistaken for a line's timestamp.
    private mutating func appendGarbage(to buffer: inout [UInt8]) {
        let first = UInt8(ascii: "!") + UInt8(random.below(94))
        buffer.append(first == UInt8(ascii: "[") ? UInt8(ascii: "#") : first)
        for _ in 0..<(7 + random.below(113)) {
            buffer.append(UInt8(ascii: " ") + UInt8(random.below(95)))
        }
    }

    private mutating func appendJSONRecord(to buffer: inout [UInt8]) {
        let route = plan.routes[random.pick(cumulativeBounds: plan.routeBounds)]
        buffer.append(#"{"start_time":""#)
        timestamp.append(millisecondsSince1970: clockMicroseconds / 1_000, to: &buffer)
        buffer.append(#"","method":"GET","path":""#)
        appendPath(under: route, for: .get, to: &buffer)
        buffer.append(#"","response_code":200,"duration":"#)
        buffer.appendDecimal(1 + random.below(200))
        buffer.append(UInt8(ascii: "}"))
    }
}

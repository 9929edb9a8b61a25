extension LogGenerator {
    /// Appends one TCP proxy record to `postgres` in ``TrafficScenario/formatString``, without the newline:
    /// Envoy writes `-` for the HTTP-only fields and `0` for the response code.
    mutating func appendTCPRecord(to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "["))
        timestamp.append(millisecondsSince1970: clockMicroseconds / 1_000, to: &buffer)
        buffer.append("] \"- - -\" 0 - ")
        buffer.appendDecimal(100 + random.below(50_000))
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(1_000 + random.below(10_000_000))
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(10 + random.below(60_000))
        buffer.append(#" - "-" "-" "-" "-" "10.1.9."#)
        buffer.appendDecimal(9 + random.below(2))
        buffer.append(":5432\" ")
        buffer.append(contentsOf: plan.tcpCluster)
    }
}

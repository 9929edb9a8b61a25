import Testing
@testable import AccessLog

@Suite("Format strings")
struct FormatStringTests {
    @Test("Operators with arguments and truncation are recognised")
    func operatorsWithArgumentsAndTruncation() throws {
        let format = try FormatString("%REQ(USER-AGENT):10% x %START_TIME(%s)%")
        #expect(format.elements == [
            .operator(FormatOperator(command: "REQ", argument: "USER-AGENT", maxLength: 10)),
            .literal(" x "),
            .operator(FormatOperator(command: "START_TIME", argument: "%s", maxLength: nil)),
        ])
    }

    @Test("REQUEST_HEADER and RESPONSE_HEADER are aliases of REQ and RESP")
    func aliases() throws {
        let format = try LogFormat(formatString: "%REQUEST_HEADER(:PATH)% %RESPONSE_HEADER(X-ENVOY-UPSTREAM-SERVICE-TIME)%")
        let record = try parse("/a 12", format)
        #expect(record.path == "/a")
        #expect(record.upstreamServiceTimeMilliseconds == 12)
    }

    @Test("Header names in REQ are case-insensitive and X?Y alternatives map to the primary field")
    func headerNames() throws {
        let format = try LogFormat(formatString: "%REQ(x-envoy-original-path?:path)% %REQ(:Method)%")
        let record = try parse("/orig GET", format)
        #expect(record.path == "/orig")
        #expect(record.method == "GET")
    }

    @Test("A trailing newline, real or written as \\n, ends the format")
    func trailingNewline() throws {
        #expect(try FormatString("%PROTOCOL%\\n").elements == [.operator(FormatOperator(command: "PROTOCOL"))])
        #expect(try FormatString("%PROTOCOL%\n").elements == [.operator(FormatOperator(command: "PROTOCOL"))])
    }

    @Test("An unclosed operator is refused with its position")
    func unclosedOperator() {
        #expect(throws: FormatStringError(position: 12, reason: "command operator %DURATION is not closed by '%'")) {
            try FormatString("%PROTOCOL% %DURATION")
        }
    }

    @Test("%% is a literal percent sign")
    func escapedPercent() throws {
        let format = try LogFormat(formatString: "cpu=%%%DURATION%")
        #expect(try parse("cpu=%12", format).durationMilliseconds == 12)
    }

    @Test("A lone percent sign is refused with its position")
    func lonePercent() {
        #expect(throws: FormatStringError(position: 5, reason: "'%' must start a command operator such as %START_TIME% or %REQ(:PATH)%")) {
            try FormatString("100 % %PROTOCOL%")
        }
    }

    @Test("Two operators with nothing between them are refused, since a line could not be split")
    func adjacentOperators() {
        #expect(throws: FormatStringError.self) {
            try LogFormat(formatString: "%RESPONSE_CODE%%DURATION%")
        }
    }

    @Test("An unsupported strftime specifier in START_TIME is refused")
    func unsupportedStrftime() {
        #expect(throws: FormatStringError.self) {
            try LogFormat(formatString: "%START_TIME(%Q)% %PROTOCOL%")
        }
    }
}

extension FormatOperator {
    init(command: String) {
        self.init(command: command, argument: nil, maxLength: nil)
    }
}

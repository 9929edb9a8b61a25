/// The fields of one line in `TrafficScenario.formatString`, split on the format's literals.
///
/// Test-only and deliberately naive: it checks the generator's output shape, it is not RouteLens' parser.
/// Quoted fields are split on `" "`, which is enough because the one quoted user agent, `curl/8.1 "quoted"`,
/// contains `"` but never `" "`.
struct SplitLine {
    var startTime: Substring
    var method: Substring
    var path: Substring
    var protocolName: Substring
    var status: Substring
    var flags: Substring
    var bytesReceived: Substring
    var bytesSent: Substring
    var duration: Substring
    var upstreamServiceTime: Substring
    var forwardedFor: Substring
    var userAgent: Substring
    var requestID: Substring
    var authority: Substring
    var upstreamHost: Substring
    var cluster: Substring

    init?(_ line: Substring) {
        guard line.first == "[", let timeEnd = line.firstRange(of: "] \"") else { return nil }
        startTime = line[line.index(after: line.startIndex)..<timeEnd.lowerBound]
        let afterTime = line[timeEnd.upperBound...]
        guard let requestEnd = afterTime.firstRange(of: "\" ") else { return nil }
        let request = afterTime[..<requestEnd.lowerBound].split(separator: " ", omittingEmptySubsequences: false)
        let afterRequest = afterTime[requestEnd.upperBound...]
        guard request.count == 3, let firstQuote = afterRequest.firstIndex(of: "\"") else { return nil }
        let numbers = afterRequest[..<firstQuote].split(separator: " ", omittingEmptySubsequences: false)
        let quotedPart = afterRequest[firstQuote...]
        guard numbers.count == 7, numbers[6].isEmpty, let lastSpace = quotedPart.lastIndex(of: " ") else { return nil }
        let quoted = quotedPart[..<lastSpace]
        guard quoted.count >= 2, quoted.last == "\"" else { return nil }
        let fields = quoted.dropFirst().dropLast().split(separator: "\" \"", omittingEmptySubsequences: false)
        guard fields.count == 5 else { return nil }
        (method, path, protocolName) = (request[0], request[1], request[2])
        (status, flags, bytesReceived, bytesSent, duration, upstreamServiceTime) =
            (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])
        (forwardedFor, userAgent, requestID, authority, upstreamHost) =
            (fields[0], fields[1], fields[2], fields[3], fields[4])
        cluster = quotedPart[quotedPart.index(after: lastSpace)...]
    }

    /// Why this line is not an HTTP request of the documented shape; empty if it is one.
    var httpShapeProblems: [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ problem: String) {
            if !condition { problems.append(problem) }
        }
        check(Self.isTimestamp(startTime), "START_TIME \(startTime)")
        check(["GET", "POST", "PUT", "DELETE"].contains(method), "method \(method)")
        check(path.first == "/" && !path.contains(" "), "path \(path)")
        check(["HTTP/1.1", "HTTP/2"].contains(protocolName), "protocol \(protocolName)")
        check(status.count == 3 && (100...599).contains(Int(status) ?? 0), "status \(status)")
        check(["-", "NR", "UH", "UF,URX", "UC", "UT"].contains(flags), "flags \(flags)")
        check(Self.isNumber(bytesReceived), "bytes received \(bytesReceived)")
        check(Self.isNumber(bytesSent), "bytes sent \(bytesSent)")
        check(Self.isNumber(duration), "duration \(duration)")
        check(upstreamServiceTime == "-" || Self.isNumber(upstreamServiceTime), "service time \(upstreamServiceTime)")
        let forwardedAddresses = forwardedFor.split(separator: ", ")
        check(
            forwardedAddresses.allSatisfy(Self.isIPv4) && (1...2).contains(forwardedAddresses.count),
            "X-Forwarded-For \(forwardedFor)")
        check(!userAgent.isEmpty, "empty User-Agent")
        check(Self.isUUID(requestID), "request id \(requestID)")
        check(authority == "shop.example.com", "authority \(authority)")
        check(upstreamHost == "-" || Self.isHost(upstreamHost, port: "8080"), "upstream host \(upstreamHost)")
        check(
            cluster == "-" || (cluster.hasPrefix("cds_egress_shop_") && cluster.hasSuffix("_http_8080")),
            "cluster \(cluster)")
        return problems
    }

    /// Whether this line is a TCP record of the documented shape.
    var isTCPRecord: Bool {
        Self.isTimestamp(startTime) && [method, path, protocolName] == ["-", "-", "-"] && status == "0"
            && flags == "-" && Self.isNumber(bytesReceived) && Self.isNumber(bytesSent) && Self.isNumber(duration)
            && upstreamServiceTime == "-" && [forwardedFor, userAgent, requestID, authority] == ["-", "-", "-", "-"]
            && Self.isHost(upstreamHost, port: "5432") && cluster == "cds_egress_shop_postgres_tcp_5432"
    }

    /// The virtual node named by `cds_egress_shop_<node>_http_8080`, or `nil` for `-`.
    var virtualNode: Substring? {
        cluster == "-" ? nil : cluster.dropFirst("cds_egress_shop_".count).dropLast("_http_8080".count)
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    private static func isTimestamp(_ text: Substring) -> Bool {
        let shape = Array("dddd-dd-ddTdd:dd:dd.dddZ".utf8)
        return text.utf8.count == shape.count
            && zip(text.utf8, shape).allSatisfy { byte, expected in
                expected == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            }
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { isNumber($0) && Int($0)! <= 255 }
    }

    private static func isHost(_ text: Substring, port: Substring) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].hasPrefix("10.1.") && isIPv4(parts[0]) && parts[1] == port
    }

    /// Lowercase 8-4-4-4-12 hexadecimal, version 4.
    private static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        let lowercaseHex = Set("0123456789abcdef".utf8)
        return groups.map(\.utf8.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.utf8.allSatisfy(lowercaseHex.contains) }
            && groups[2].first == "4"
    }
}

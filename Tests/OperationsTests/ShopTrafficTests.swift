import LogSynthesis
import Operations
import Testing

@Suite("The shop fixture against generated shop traffic")
struct ShopTrafficTests {
    /// Method and path of each HTTP line of `[start] "METHOD PATH PROTOCOL" …`; TCP and malformed lines are skipped.
    static func requests(in log: [UInt8]) -> [(method: String, path: String)] {
        log.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("["), let quote = text.firstRange(of: "] \"") else { return nil }
            let fields = text[quote.upperBound...].split(separator: " ", maxSplits: 2)
            guard fields.count == 3, fields[1].hasPrefix("/") else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test("every generated request has an operation except those the fixture leaves out on purpose")
    func everyRequestHasAnOperation() throws {
        var scenario = TrafficScenario.shop
        scenario.lineCount = 3_000
        let requests = Self.requests(in: try LogGenerator.generate(scenario).text)
        let shop = try OperationMatcher(specs: [OpenAPISpec(data: fixture("openapi/shop.yaml"), source: "shop.yaml")])

        var unmatched: Set<String> = []
        for request in requests where shop.operation(method: request.method, authority: scenario.authority, path: request.path) == nil {
            let path = request.path.prefix { $0 != "?" }.replacing(/\/\d+$/, with: "/<id>")
            unmatched.insert("\(request.method) \(path)")
        }
        #expect(requests.count > 2_500)
        #expect(unmatched.isSubset(of: ["PUT /search/<id>", "DELETE /search/<id>", "GET /cart"]))
    }
}

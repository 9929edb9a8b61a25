import Testing

@testable import Routing

@Suite("Route regular expressions in the C library's engine")
struct POSIXRegexTests {
    /// Patterns from route files, each with values, and whether RE2 (Envoy) matches each value whole.
    static let cases: [(pattern: String, value: String, matches: Bool)] = [
        ("/products/[0-9]+", "/products/12345", true),
        ("/products/[0-9]+", "/products/12a45", false),
        ("/products/[0-9]+", "/products/", false),
        ("/api/v[12]/.*", "/api/v2/orders?x=1", true),
        ("/api/v[12]/.*", "/api/v3/orders", false),
        (#"/orders/\d+/items"#, "/orders/7/items", true),
        (#"/orders/\d+/items"#, "/orders/7/items/8", false),
        (#"/u/\w+\.json"#, "/u/ann_1.json", true),
        (#"/u/\w+\.json"#, "/u/ann-1.json", false),
        ("/(cart|checkout)/.*", "/checkout/pay", true),
        ("/(cart|checkout)/.*", "/basket/pay", false),
        ("^/health$", "/health", true),
    ]

    @Test("Common route patterns compile for the C engine and match exactly as Swift Regex (RE2's meaning) does")
    func sameAnswers() throws {
        for (pattern, value, matches) in Self.cases {
            let posix = try #require(POSIXRegex(wholeMatching: pattern), "\(pattern)")
            #expect(posix.wholeMatches(value[...]) == matches, "\(pattern) on \(value)")
            let swift = try Regex(pattern)
            #expect(((try? swift.wholeMatch(in: value)) != nil) == matches, "\(pattern) on \(value), Swift Regex")
        }
    }

    @Test("Syntax the C engine reads differently stays with Swift Regex", arguments: [
        "/a.*?b", "(?i)/admin", #"/\bword"#, #"/(a)\1"#, #"/[\d]+"#, #"/tab\t"#,
    ])
    func unsupportedSyntax(pattern: String) {
        #expect(POSIXRegex(wholeMatching: pattern) == nil)
    }

    @Test("A route pattern answers the same through either engine")
    func regexPatternUsesEither() throws {
        #expect(try RegexPattern("/products/[0-9]+").wholeMatches("/products/42"))
        #expect(try !RegexPattern("/products/[0-9]+").wholeMatches("/products/4x2"))
        #expect(try RegexPattern("(?i)/ADMIN").wholeMatches("/admin"))
    }
}

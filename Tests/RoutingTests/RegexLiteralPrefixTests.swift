import Testing
@testable import Routing

/// The literal prefix the route memo checks before running a path regex: every match must start with it.
@Suite("Regex literal prefixes")
struct RegexLiteralPrefixTests {
    @Test("the leading literal text up to the first operator, without a character a quantifier makes optional", arguments: [
        ("/products/[0-9]+", "/products/"), ("^/api/v1.0", "/api/v1"), ("/ab*c", "/a"), ("/ab+c", "/ab"), ("/a{2}", "/"),
        ("/x?y", "/"), ("(?i)/orders", ""), ("/a|/b", ""), ("\\/escaped", ""), (".*", ""),
    ])
    func literalPrefix(pattern: String, prefix: String) throws {
        #expect(try RegexPattern(pattern).literalPrefix == prefix)
    }
}

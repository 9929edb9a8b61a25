/// How the bearer token is compared: in constant time.
package enum BearerTokenCheck {
    /// Compares every byte whatever the first difference, so the time taken says nothing about how much of a
    /// guess was right; only the length (of the guess, not the token) shows.
    package static func equal(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<given.count {
            difference |= given[index] ^ (expected.isEmpty ? 0 : expected[index % expected.count])
        }
        return difference == 0 && !expected.isEmpty
    }
}

import Foundation
import Testing

@testable import LogSynthesis

@Suite("PortableMath")
struct PortableMathTests {
    @Test("log2 agrees with the platform's to 1e-14", arguments: [1.0, 1.2, 1.5, 2, 3, 6, 11.43, 100, 0.37, 1e-5])
    func log2MatchesPlatform(_ value: Double) {
        #expect(abs(PortableMath.log2(value) - Foundation.log2(value)) <= 1e-14 * max(1, abs(Foundation.log2(value))))
    }

    @Test(
        "exp2 agrees with the platform's to 1e-14 relative",
        arguments: [-20.0, -6.1, -1, -0.5, 0, 0.3, 0.5, 1, 2.7, 15.9])
    func exp2MatchesPlatform(_ value: Double) {
        #expect(abs(PortableMath.exp2(value) / Foundation.exp2(value) - 1) <= 1e-14)
    }
}

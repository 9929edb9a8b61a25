import Testing
@testable import Statistics

@Suite("Number formatting for reports")
struct NumberFormatTests {
    @Test("p-values: two significant digits, scientific with a lowercase e below 0.001, and an underflow said as such")
    func pValues() {
        #expect(NumberFormat.pValue(0.04213) == "0.042")
        #expect(NumberFormat.pValue(4.2e-36) == "4.2e-36")
        #expect(NumberFormat.pValueClause(0.5) == "p = 0.5")
        #expect(NumberFormat.pValueClause(0, name: "Mann-Whitney p") == "Mann-Whitney p < 1e-300")
    }

    @Test("Percentages have two decimals; plain numbers drop trailing zeros")
    func percentsAndNumbers() {
        #expect(NumberFormat.percent(0.10533) == "10.53%")
        #expect(NumberFormat.number(2.5) == "2.5" && NumberFormat.number(2) == "2" && NumberFormat.number(4.976) == "4.98")
        #expect(NumberFormat.number(-0.001) == "0")
        #expect(NumberFormat.milliseconds(nil) == "n/a")
    }
}

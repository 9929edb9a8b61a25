import Foundation
import Testing
@testable import DailyReport

@Suite("Daily report as HTML")
struct HTMLRendererTests {
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test("The page is self-contained: inline style, three inline SVG charts per route, no script, nothing from the network")
    func selfContained() throws {
        let html = HTMLRenderer.render(try ReportFixture.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && !html.contains("<link"))
        #expect(Self.count("<svg ", in: html) == 3)
        #expect(!html.lowercased().contains("<script"))
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false)
        #expect(html.contains("@media print"))
    }

    @Test("The tables carry the report's numbers")
    func numbers() throws {
        let html = HTMLRenderer.render(try ReportFixture.report())
        #expect(html.contains("<td class=\"n\">10.53%</td>"))
        #expect(html.contains("<td class=\"n\">15168</td>"))
        #expect(html.contains("<td class=\"n\">201 ms</td>"))
        #expect(html.contains("<td class=\"n\">12345</td>"))
        #expect(html.contains("Drifted significantly (Holm-adjusted): 10:00–11:00 (12 intervals)."))
        #expect(html.contains("<span class=\"badge bad\">fail</span>"))
    }

    @Test("The share chart shades exactly the 12 drifted intervals; the bar charts label p99 and 5xx rate")
    func charts() throws {
        let html = HTMLRenderer.render(try ReportFixture.report())
        #expect(Self.count("<rect class=\"drift\"", in: html) == 12)
        #expect(Self.count("<polyline ", in: html) == 4)
        #expect(html.contains(">1000 ms</text>") && html.contains(">3.00%</text>"))
    }

    @Test("A route name with <script> is escaped everywhere, in text, SVG titles and headings")
    func escaping() throws {
        let html = HTMLRenderer.render(try ReportFixture.report(route: "<script>alert(\"x\")</script>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<h2>Route &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h2>"))
        #expect(html.contains("route &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>"))
    }
}

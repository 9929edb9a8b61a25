import Testing
@testable import DailyReport

@Suite("Daily report as Markdown")
struct MarkdownRendererTests {
    @Test("Each segment is a table of configured against observed shares with its test on the next line")
    func segmentTable() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report())
        #expect(markdown.hasPrefix("# Rollout report 2026-11-20"))
        #expect(markdown.contains("### Weights 00:00–12:00: ok"))
        #expect(markdown.contains("| search-b | 10 | 10.00% | 10.53% |"))
        #expect(markdown.contains("| 15168 |"))
        #expect(markdown.contains("### Weights 12:00–24:00: ok"))
        #expect(markdown.contains("Cohen's w = "))
    }

    @Test("The planted drift reads as one range of 12 intervals")
    func driftRange() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report())
        #expect(markdown.contains("Cohen's w = 0.018 (negligible).\n\nDrifted significantly (Holm-adjusted): 10:00–11:00 (12 intervals)."))
        #expect(markdown.contains("No 5-minute interval drifted significantly."))
    }

    @Test("The canary's verdict is followed by its reasons, one per line")
    func canaryReasons() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report())
        #expect(markdown.contains("**search-b vs search-a: fail**"))
        #expect(markdown.contains("- error rate 3.00% vs 0.50% on the baseline: 2.5 pp higher"))
        #expect(markdown.contains("- p50 50 ms vs 20 ms (×2.5)"))
    }

    @Test("Per-target figures and the unweighted routes' lines carry their numbers")
    func figures() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report())
        #expect(markdown.contains("| search-a | 20000 | 0.50% | 20 ms | 50 ms | 201 ms | UF 61, 5xx 39 | 19500 requests, 0.49% 5xx, p99 199 ms |"))
        #expect(markdown.contains("| health | 12345 | 1.25% | 37 ms | 2 |"))
    }

    @Test("A route name cannot inject HTML or break a table: <, > and | are escaped")
    func escaping() throws {
        let markdown = MarkdownRenderer.render(try ReportFixture.report(route: "<script>alert(1)</script>|x"))
        #expect(markdown.contains("## Route &lt;script&gt;alert(1)&lt;/script&gt;\\|x"))
        #expect(!markdown.contains("<script>"))
    }
}

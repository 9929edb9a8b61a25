import DailyReport
import Foundation
import Testing

/// Renders the HTML report in headless Chromium (Debian's `chromium`), as a reader would see it.
///
/// Skipped, with the reason recorded, when no `chromium` is on the PATH: CI needs `apt-get install -y chromium`
/// in `.ci/run` for it to run.
@Suite("Daily report in headless Chromium", .enabled(if: HeadlessChromium.executable != nil, "chromium is not installed (apt-get install -y chromium)"))
struct HeadlessChromiumTests {
    @Test("The screenshot is not blank and the DOM carries the report's numbers")
    func rendersReport() throws {
        let browser = try #require(HeadlessChromium.executable)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routelens-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(HTMLRenderer.render(try ReportFixture.report()).utf8).write(to: page)
        if let keep = ProcessInfo.processInfo.environment["ROUTELENS_KEEP_REPORT"] {
            // For a person to look at: ROUTELENS_KEEP_REPORT=/tmp/report.html swift test --filter Chromium
            try Data(HTMLRenderer.render(try ReportFixture.report()).utf8).write(to: URL(fileURLWithPath: keep))
        }

        let screenshot = directory.appendingPathComponent("report.png")
        _ = try HeadlessChromium.run(browser, ["--screenshot=\(screenshot.path)", "--window-size=1000,1600", page.absoluteString], profile: directory)
        let image = try #require(PNGImage([UInt8](try Data(contentsOf: screenshot))), "the screenshot is not a PNG this test reads")
        #expect(image.width == 1000 && image.height == 1600)
        // Text, three charts in eight palette colours, badges and anti-aliasing: far more than a blank page's one.
        #expect(image.distinctColors.count > 50, "\(image.distinctColors.count) colours")

        let dom = try HeadlessChromium.run(browser, ["--dump-dom", page.absoluteString], profile: directory)
        for figure in ["10.53%", "15168", "201 ms", "12345", "10:00–11:00 (12 intervals)", "search-b vs search-a", "<svg", "class=\"drift\""] {
            #expect(dom.contains(figure), "\(figure) is not in the DOM")
        }
    }
}

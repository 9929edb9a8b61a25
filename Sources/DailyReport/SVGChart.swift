import Statistics

/// The report's charts as inline SVG text.
///
/// Hand-written: the package mirror (swift-packages-b) has no SVG library (JohnSundell/Plot builds HTML, with
/// no SVG elements, and Swift chart libraries are Apple-only), and the report needs three simple charts. Every
/// user string passes through ``Escaping/html(_:)``; every coordinate is a number this file formats.
enum SVGChart {
    /// One colour per target, in target order; chosen to stay apart in greyscale print as well.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf"]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    private static let width = 720.0
    private static let left = 48.0, right = 16.0, top = 24.0, bottom = 28.0

    private static func coordinate(_ value: Double) -> String { NumberFormat.fixed(value, digits: 1) }

    /// Observed share per interval (solid) against the configured weight (dashed) for each target over the day,
    /// with significantly drifted intervals shaded red.
    static func shareOverDay(_ route: DailyReport.Route, targets: [String], day: String) -> String {
        let height = 240.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ minutes: Int) -> Double { left + Double(min(max(minutes, 0), 1440)) / 1440 * plotWidth }
        func y(_ share: Double) -> Double { top + (1 - min(max(share, 0), 1)) * plotHeight }
        var svg = open(height: height, title: "Observed share against configured weight over \(day), route \(route.route)")
        for segment in route.segments {
            for interval in segment.drift where interval.significant {
                guard let from = TimeOfDay.minutes(interval.from, day: day), let to = TimeOfDay.minutes(interval.to, day: day) else { continue }
                svg += "<rect class=\"drift\" x=\"\(coordinate(x(from)))\" y=\"\(coordinate(top))\" width=\"\(coordinate(max(1, x(to) - x(from))))\" "
                    + "height=\"\(coordinate(plotHeight))\" fill=\"#d62728\" fill-opacity=\"0.18\"/>"
            }
        }
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(coordinate(left))\" x2=\"\(coordinate(width - right))\" y1=\"\(coordinate(y(tick)))\" y2=\"\(coordinate(y(tick)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(coordinate(left - 6))\" y=\"\(coordinate(y(tick) + 4))\" text-anchor=\"end\">\(NumberFormat.percent(tick, digits: 0))</text>"
        }
        for hour in stride(from: 0, through: 24, by: 3) {
            svg += "<text x=\"\(coordinate(x(hour * 60)))\" y=\"\(coordinate(height - 8))\" text-anchor=\"middle\">\(TimeOfDay.label(minutes: hour * 60))</text>"
        }
        for segment in route.segments {
            let from = TimeOfDay.minutes(segment.from, day: day) ?? 0, to = TimeOfDay.minutes(segment.to, day: day) ?? 1440
            for target in segment.targets {
                let color = color(targets.firstIndex(of: target.target) ?? 0)
                svg += "<line x1=\"\(coordinate(x(from)))\" x2=\"\(coordinate(x(to)))\" y1=\"\(coordinate(y(target.expectedShare)))\" "
                    + "y2=\"\(coordinate(y(target.expectedShare)))\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
                let points = segment.drift.compactMap { interval -> String? in
                    guard let start = TimeOfDay.minutes(interval.from, day: day), let end = TimeOfDay.minutes(interval.to, day: day),
                          let share = interval.observedShare[target.target], interval.requests > 0 else { return nil }
                    return "\(coordinate(x((start + end) / 2))),\(coordinate(y(share)))"
                }
                if !points.isEmpty {
                    svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
                }
            }
        }
        svg += legend(targets, y: 14)
        return svg + "</svg>"
    }

    /// One horizontal bar per target, labelled with its formatted value.
    static func bars(title: String, _ items: [(label: String, value: Double, text: String)]) -> String {
        let rowHeight = 22.0, labelWidth = 180.0, valueWidth = 90.0
        let height = top + Double(items.count) * rowHeight + 8
        let largest = items.map(\.value).max() ?? 0
        let barSpace = width - labelWidth - valueWidth - right
        var svg = open(height: height, title: title)
        svg += "<text x=\"\(coordinate(left / 4))\" y=\"16\" font-weight=\"bold\">\(Escaping.html(title))</text>"
        for (index, item) in items.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let length = largest > 0 && item.value.isFinite ? max(0, item.value) / largest * barSpace : 0
            svg += "<text x=\"\(coordinate(labelWidth - 8))\" y=\"\(coordinate(rowTop + 15))\" text-anchor=\"end\">\(Escaping.html(item.label))</text>"
            svg += "<rect x=\"\(coordinate(labelWidth))\" y=\"\(coordinate(rowTop + 3))\" width=\"\(coordinate(length))\" height=\"16\" fill=\"\(color(index))\"/>"
            svg += "<text x=\"\(coordinate(labelWidth + length + 6))\" y=\"\(coordinate(rowTop + 15))\">\(Escaping.html(item.text))</text>"
        }
        return svg + "</svg>"
    }

    private static func open(height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\" "
            + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">"
            + "<title>\(Escaping.html(title))</title>"
    }

    private static func legend(_ targets: [String], y: Double) -> String {
        var svg = "", x = left
        for (index, target) in targets.enumerated() {
            svg += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(y - 8))\" width=\"10\" height=\"10\" fill=\"\(color(index))\"/>"
            svg += "<text x=\"\(coordinate(x + 14))\" y=\"\(coordinate(y + 1))\">\(Escaping.html(target))</text>"
            x += 24 + Double(target.count) * 6.5
        }
        svg += "<text x=\"\(coordinate(width - right))\" y=\"\(coordinate(y + 1))\" text-anchor=\"end\" fill=\"#555\">"
            + "solid: observed · dashed: configured · red: significant drift</text>"
        return svg
    }
}

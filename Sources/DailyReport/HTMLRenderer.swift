import Statistics

/// The daily report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no font or image
/// from the network, so it reads offline, attaches to a mail and prints.
///
/// Every user string (route, target, failure class, explanation, reason) is escaped with ``Escaping/html(_:)``.
package enum HTMLRenderer {
    package static func render(_ report: DailyReport) -> String {
        let day = Escaping.html(report.day)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>Rollout report \(day)</title>\n<style>\(style)</style>\n</head>\n<body>\n"
            + "<h1>Rollout report \(day)</h1>\n"
        if report.routes.isEmpty {
            html += "<p>No route with two or more weighted targets received requests that day.</p>\n"
        }
        for route in report.routes { html += self.route(route, day: report.day) }
        if !report.unweightedRoutes.isEmpty {
            html += "<section>\n<h2>Routes without weights</h2>\n<table>\n<thead><tr><th>route</th><th>requests</th><th>5xx rate</th>"
                + "<th>p99</th><th>incidents</th></tr></thead>\n<tbody>\n"
            for route in report.unweightedRoutes {
                html += "<tr><td>\(Escaping.html(route.route))</td><td class=\"n\">\(route.requests)</td>"
                    + "<td class=\"n\">\(NumberFormat.percent(route.errorRate))</td><td class=\"n\">\(NumberFormat.milliseconds(route.p99Ms))</td>"
                    + "<td class=\"n\">\(route.incidents)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }
        return html + "<footer>RouteLens daily rollout report for \(day), from Envoy access logs.</footer>\n</body>\n</html>\n"
    }

    private static func route(_ route: DailyReport.Route, day: String) -> String {
        var targets: [String] = []
        for name in route.segments.flatMap({ $0.targets.map(\.target) }) + route.targetStats.map(\.target) where !targets.contains(name) {
            targets.append(name)
        }
        var html = "<section class=\"route\">\n<h2>Route \(Escaping.html(route.route))</h2>\n"
        html += "<figure>\(SVGChart.shareOverDay(route, targets: targets, day: day))"
            + "<figcaption>Share of requests per 5-minute interval against the configured weight.</figcaption></figure>\n"
        for segment in route.segments { html += self.segment(segment, day: day) }
        if !route.canary.isEmpty {
            html += "<h3>Canary</h3>\n"
            for canary in route.canary {
                html += "<div class=\"canary\"><h4>\(Escaping.html(canary.target)) vs \(Escaping.html(canary.baseline)) "
                    + "\(badge(canary.verdict))</h4>\n<ul>\n"
                html += canary.reasons.map { "<li>\(Escaping.html($0))</li>\n" }.joined()
                html += "</ul>\n<p class=\"figures\">\(canary.errorRatePValue.map { NumberFormat.pValueClause($0, name: "error-rate p") } ?? "error-rate p n/a") · "
                    + "\(canary.mannWhitneyPValue.map { NumberFormat.pValueClause($0, name: "Mann-Whitney p") } ?? "Mann-Whitney p n/a") · "
                    + "p50 ratio \(canary.p50Ratio.map(NumberFormat.number) ?? "n/a") · p99 ratio \(canary.p99Ratio.map(NumberFormat.number) ?? "n/a")</p></div>\n"
            }
        }
        if !route.targetStats.isEmpty {
            html += "<h3>Targets over the day</h3>\n<table>\n<thead><tr><th>target</th><th>requests</th><th>5xx rate</th><th>p50</th>"
                + "<th>p90</th><th>p99</th><th>top failure classes</th><th>day before</th></tr></thead>\n<tbody>\n"
            for stats in route.targetStats {
                let classes = stats.topFailureClasses.map { "\(Escaping.html($0.failureClass)) \($0.requests)" }.joined(separator: ", ")
                html += "<tr><td>\(Escaping.html(stats.target))</td><td class=\"n\">\(stats.requests)</td>"
                    + "<td class=\"n\">\(NumberFormat.percent(stats.errorRate))</td><td class=\"n\">\(NumberFormat.milliseconds(stats.p50Ms))</td>"
                    + "<td class=\"n\">\(NumberFormat.milliseconds(stats.p90Ms))</td><td class=\"n\">\(NumberFormat.milliseconds(stats.p99Ms))</td>"
                    + "<td>\(classes)</td><td>\(Escaping.html(MarkdownRenderer.previousDay(stats.previousDay)))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n<div class=\"charts\">\n"
            html += "<figure>" + SVGChart.bars(
                title: "p99 latency per target",
                route.targetStats.map { ($0.target, Double($0.p99Ms ?? 0), NumberFormat.milliseconds($0.p99Ms)) }
            ) + "</figure>\n"
            html += "<figure>" + SVGChart.bars(
                title: "5xx rate per target",
                route.targetStats.map { ($0.target, $0.errorRate, NumberFormat.percent($0.errorRate)) }
            ) + "</figure>\n</div>\n"
        }
        return html + "</section>\n"
    }

    private static func segment(_ segment: DailyReport.Segment, day: String) -> String {
        var html = "<h3>Weights \(Escaping.html(TimeOfDay.label(segment.from, day: day)))–\(Escaping.html(TimeOfDay.label(segment.to, day: day))) "
            + "\(badge(segment.verdict))</h3>\n<table>\n<thead><tr><th>target</th><th>weight</th><th>expected</th><th>observed</th>"
            + "<th>95% CI</th><th>requests</th></tr></thead>\n<tbody>\n"
        for target in segment.targets {
            let ci95 = target.ci95.flatMap { $0.count == 2 ? "\(NumberFormat.percent($0[0]))–\(NumberFormat.percent($0[1]))" : nil } ?? ""
            html += "<tr><td>\(Escaping.html(target.target))</td><td class=\"n\">\(target.weight)</td>"
                + "<td class=\"n\">\(NumberFormat.percent(target.expectedShare))</td><td class=\"n\">\(NumberFormat.percent(target.observedShare))</td>"
                + "<td class=\"n\">\(ci95)</td><td class=\"n\">\(target.requests)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n<p>χ² = \(NumberFormat.number(segment.chiSquare)), \(NumberFormat.pValueClause(segment.pValue)), "
            + "Cohen's w = \(NumberFormat.fixed(segment.cohensW, digits: 3)) (\(EffectMagnitude(cohensW: segment.cohensW).rawValue)).</p>\n"
        let runs = segment.driftRuns
        html += runs.isEmpty
            ? "<p>No 5-minute interval drifted significantly.</p>\n"
            : "<p class=\"drift\">Drifted significantly (Holm-adjusted): "
                + runs.map { "\(Escaping.html(TimeOfDay.label($0.from, day: day)))–\(Escaping.html(TimeOfDay.label($0.to, day: day))) (\($0.intervals) intervals)" }
                    .joined(separator: ", ") + ".</p>\n"
        if !segment.explanations.isEmpty {
            html += "<ul>\n" + segment.explanations.map { "<li>\(Escaping.html($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html
    }

    /// A verdict as a coloured label; the class comes from a fixed list, never from the text.
    private static func badge(_ verdict: String) -> String {
        let tone = switch verdict {
        case "pass", "ok": "good"
        case "marginal", "insufficient-data": "warn"
        default: "bad"
        }
        return "<span class=\"badge \(tone)\">\(Escaping.html(verdict))</span>"
    }

    /// System fonts only: a font from the network would break offline reading and printing.
    private static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;background:#fff;\
    max-width:60rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}\
    h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.05rem}\
    table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem}th{background:#f3f3f3;text-align:left}\
    td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td:first-child{white-space:nowrap}\
    .badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.85rem;color:#fff}\
    .good{background:#2e7d32}.warn{background:#b26a00}.bad{background:#c62828}\
    .canary{border-left:4px solid #ccc;padding-left:.8rem;margin:.5rem 0}.figures{color:#555;font-size:.9rem}\
    figure{margin:.5rem 0}figcaption{color:#555;font-size:.85rem}svg{max-width:100%;height:auto}\
    footer{margin-top:2rem;color:#777;font-size:.8rem}\
    @media print{body{max-width:none;margin:0}section{break-inside:avoid-page}\
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """
}

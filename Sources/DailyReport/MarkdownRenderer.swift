import Statistics

/// The daily report as GitHub-flavoured Markdown, short enough for a PR comment or a chat message: tables and
/// the canary reasons, no charts (the HTML page has them).
package enum MarkdownRenderer {
    package static func render(_ report: DailyReport) -> String {
        var lines = ["# Rollout report \(Escaping.markdown(report.day))", ""]
        if report.routes.isEmpty { lines += ["No route with two or more weighted targets received requests that day.", ""] }
        for route in report.routes { lines += self.route(route, day: report.day) }
        if !report.unweightedRoutes.isEmpty {
            lines += ["## Routes without weights", "", "| route | requests | 5xx rate | p99 | incidents |", "|---|---:|---:|---:|---:|"]
            for route in report.unweightedRoutes {
                lines.append("| \(Escaping.markdown(route.route)) | \(route.requests) | \(NumberFormat.percent(route.errorRate)) | "
                    + "\(NumberFormat.milliseconds(route.p99Ms)) | \(route.incidents) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func route(_ route: DailyReport.Route, day: String) -> [String] {
        var lines = ["## Route \(Escaping.markdown(route.route))", ""]
        for segment in route.segments {
            lines += ["### Weights \(TimeOfDay.label(segment.from, day: day))–\(TimeOfDay.label(segment.to, day: day)): \(segment.verdict)", ""]
            lines += ["| target | weight | expected | observed | 95% CI | requests |", "|---|---:|---:|---:|---|---:|"]
            for target in segment.targets {
                lines.append("| \(Escaping.markdown(target.target)) | \(target.weight) | \(NumberFormat.percent(target.expectedShare)) | "
                    + "\(NumberFormat.percent(target.observedShare)) | \(ci95(target.ci95)) | \(target.requests) |")
            }
            lines += ["", "χ² = \(NumberFormat.number(segment.chiSquare)), \(NumberFormat.pValueClause(segment.pValue)), "
                + "Cohen's w = \(NumberFormat.fixed(segment.cohensW, digits: 3)) (\(EffectMagnitude(cohensW: segment.cohensW).rawValue))."]
            // A blank line: GitHub joins consecutive lines into one paragraph.
            lines.append("")
            let runs = segment.driftRuns
            if runs.isEmpty {
                lines.append("No 5-minute interval drifted significantly.")
            } else {
                let ranges = runs.map { "\(TimeOfDay.label($0.from, day: day))–\(TimeOfDay.label($0.to, day: day)) (\($0.intervals) intervals)" }
                lines.append("Drifted significantly (Holm-adjusted): " + ranges.joined(separator: ", ") + ".")
            }
            if !segment.explanations.isEmpty {
                lines.append("")
                lines += segment.explanations.map { "- " + Escaping.markdown($0) }
            }
            lines.append("")
        }
        if !route.canary.isEmpty {
            lines += ["### Canary", ""]
            for canary in route.canary {
                lines.append("**\(Escaping.markdown(canary.target)) vs \(Escaping.markdown(canary.baseline)): \(canary.verdict)**")
                lines += canary.reasons.map { "- " + Escaping.markdown($0) }
                lines.append("")
            }
        }
        if !route.targetStats.isEmpty {
            lines += ["### Targets over the day", "", "| target | requests | 5xx rate | p50 | p90 | p99 | top failure classes | day before |",
                      "|---|---:|---:|---:|---:|---:|---|---|"]
            for stats in route.targetStats {
                let classes = stats.topFailureClasses.map { "\(Escaping.markdown($0.failureClass)) \($0.requests)" }.joined(separator: ", ")
                lines.append("| \(Escaping.markdown(stats.target)) | \(stats.requests) | \(NumberFormat.percent(stats.errorRate)) | "
                    + "\(NumberFormat.milliseconds(stats.p50Ms)) | \(NumberFormat.milliseconds(stats.p90Ms)) | "
                    + "\(NumberFormat.milliseconds(stats.p99Ms)) | \(classes) | \(previousDay(stats.previousDay)) |")
            }
            lines.append("")
        }
        return lines
    }

    private static func ci95(_ interval: [Double]?) -> String {
        guard let interval, interval.count == 2 else { return "" }
        return "\(NumberFormat.percent(interval[0]))–\(NumberFormat.percent(interval[1]))"
    }

    static func previousDay(_ previous: DailyReport.PreviousDay?) -> String {
        guard let previous else { return "no requests" }
        return "\(previous.requests) requests, \(NumberFormat.percent(previous.errorRate)) 5xx, p99 \(NumberFormat.milliseconds(previous.p99Ms))"
    }
}

/// What a report's answer was read from, as every report states it: `"method": "exact" | "histogram"` and
/// the resolution, `raw`, `1m`, `1h` or `1d` (the coarsest rollups read).
package struct ReportSource: Sendable, Equatable, Encodable {
    package var method: SourcePlan.Method
    package var resolution: String
    /// Whether a window edge was moved out to a whole minute because its raw rows are gone; absent when not.
    package var widened: Bool?

    package init(method: SourcePlan.Method, resolution: String, widened: Bool? = nil) {
        self.method = method
        self.resolution = resolution
        self.widened = widened
    }

    package init(_ plan: SourcePlan) {
        self.init(method: plan.method, resolution: plan.resolution, widened: plan.widened ? true : nil)
    }

    /// The source in a sentence, for a table caption.
    package var sentence: String {
        switch method {
        case .exact: "method exact: raw rows"
        case .histogram:
            "method histogram: rollups down to \(resolution) (counts exact, percentiles within 0.4%)"
                + (widened == true ? "; the window was widened to whole minutes whose raw rows are gone" : "")
        }
    }
}

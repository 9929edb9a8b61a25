extension DailyReport.Segment {
    /// Consecutive significant intervals, merged: what "when it drifted" prints.
    struct DriftRun: Equatable {
        var from: String
        var to: String
        var intervals: Int
    }

    /// The runs of consecutive significant ``drift`` intervals, in order.
    var driftRuns: [DriftRun] {
        var runs: [DriftRun] = []
        var previousWasSignificant = false
        for interval in drift {
            if interval.significant {
                if previousWasSignificant, let last = runs.indices.last {
                    runs[last].to = interval.to
                    runs[last].intervals += 1
                } else {
                    runs.append(DriftRun(from: interval.from, to: interval.to, intervals: 1))
                }
            }
            previousWasSignificant = interval.significant
        }
        return runs
    }
}

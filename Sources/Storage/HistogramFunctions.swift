import Foundation
import GRDB
import Statistics

/// SQL functions over ``LatencyHistogram`` blobs, registered on every connection: rollup upserts merge a
/// stored histogram with a batch's in one statement, and ad-hoc SQL can merge them too.
enum HistogramFunctions {
    /// `routelens_merge_histograms(a, b)`: the two histograms merged; NULL or an unreadable blob counts as empty.
    static let merge = DatabaseFunction("routelens_merge_histograms", argumentCount: 2, pure: true) { values in
        var merged = LatencyHistogram()
        for value in values {
            guard let data = Data.fromDatabaseValue(value), let histogram = LatencyHistogram(serialized: [UInt8](data)) else { continue }
            merged.merge(histogram)
        }
        return merged.count > 0 ? Data(merged.serialized) : nil
    }
}

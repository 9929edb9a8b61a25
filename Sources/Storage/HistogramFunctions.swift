import CSQLite
import GRDB
import Statistics

/// SQL functions over ``LatencyHistogram`` blobs, registered on every connection: rollup upserts merge a
/// stored histogram with a batch's in one statement, and ad-hoc SQL can merge them too.
enum HistogramFunctions {
    /// Registers `routelens_merge_histograms(a, b)`: the two histograms merged; NULL or an unreadable blob counts as
    /// empty. Through SQLite's C API rather than GRDB's `DatabaseFunction`, which boxes each blob into `Data`: the
    /// writer calls it for every rollup row it adds to, three per shape and batch.
    static func register(on db: Database) {
        sqlite3_create_function_v2(
            db.sqliteConnection, "routelens_merge_histograms", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, count, values in HistogramFunctions.merge(context, count, values) },
            nil, nil, nil
        )
    }

    /// The function's body: both blobs merged when both are histograms, else the one that is, else NULL.
    private static func merge(_ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let context, count == 2, let values else { return }
        func blob(_ value: OpaquePointer?) -> UnsafeRawBufferPointer? {
            guard sqlite3_value_type(value) == SQLITE_BLOB, let bytes = sqlite3_value_blob(value) else { return nil }
            return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value)))
        }
        func result(_ bytes: UnsafeRawBufferPointer) {
            sqlite3_result_blob(context, bytes.baseAddress, Int32(bytes.count), transient)
        }
        let (left, right) = (blob(values[0]), blob(values[1]))
        var merged: [UInt8] = []
        if let left, let right, LatencyHistogram.mergeSerialized(left, right, into: &merged) {
            merged.withUnsafeBytes(result)
        } else if let left, LatencyHistogram(serialized: left) != nil {
            result(left)
        } else if let right, LatencyHistogram(serialized: right) != nil {
            result(right)
        } else {
            sqlite3_result_null(context)
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

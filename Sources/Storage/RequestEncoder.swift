package import AccessLog

/// Turns parsed lines into rows of a ``RequestBatch`` on the reading thread: integers as they are,
/// low-cardinality text (method, protocol, flags, details, user agent, authority, upstream host and
/// cluster, route name, and the attributed route and target) as local label ids, the rest as text.
///
/// ```swift
/// var encoder = RequestEncoder()
/// var batch = RequestBatch()
/// encoder.begin(&batch)
/// try parser.parse(line)
/// encoder.append(parser, line: 1, route: "orders", target: "orders-v1", to: &batch)
/// ```
package struct RequestEncoder {
    static let integerFields: [AccessLogField] = [.startTime, .status, .bytesReceived, .bytesSent, .duration, .upstreamServiceTime]
    static let labelFields: [AccessLogField] = [.method, .protocol, .flags, .details, .userAgent, .authority, .upstreamHost, .upstreamCluster, .routeName]
    static let textFields: [AccessLogField] = [.path, .forwardedFor, .requestID]

    /// Past this many bytes of distinct label text the dictionary starts over with the next batch, so
    /// a file with unboundedly many distinct user agents costs the writer lookups, never unbounded memory.
    static let labelByteLimit = 4 << 20

    private var labels = LabelDictionary()

    package init() {}

    /// Empties `batch` for the next rows.
    package mutating func begin(_ batch: inout RequestBatch) {
        let restarts = labels.byteCount > Self.labelByteLimit
        if restarts { labels.removeAll() }
        batch.removeAll(firstNewLabel: Int32(labels.count), restartsLabels: restarts)
    }

    /// Appends the line `parser` last parsed as row `line` of its file, attributed to `route` and `target`.
    package mutating func append(_ parser: LineParser, line: Int64, route: String, target: String?, to batch: inout RequestBatch) {
        batch.appendInteger(line)
        for field in Self.integerFields {
            batch.appendInteger(parser.integer(field))
        }
        batch.appendInteger(parser.isTCP ? 1 : 0)
        for field in Self.labelFields {
            batch.appendLabel(parser.text(field).map { label($0, in: &batch) })
        }
        batch.appendLabel(label(route, in: &batch))
        batch.appendLabel(target.map { label($0, in: &batch) })
        for field in Self.textFields {
            batch.appendText(parser.text(field))
        }
        batch.endRow()
    }

    private mutating func label(_ text: UnsafeRawBufferPointer, in batch: inout RequestBatch) -> Int32 {
        let (id, isNew) = labels.id(of: text)
        if isNew { batch.appendNewLabel(text) }
        return id
    }

    private mutating func label(_ text: String, in batch: inout RequestBatch) -> Int32 {
        if let id = text.utf8.withContiguousStorageIfAvailable({ label(UnsafeRawBufferPointer($0), in: &batch) }) {
            return id
        }
        return Array(text.utf8).withUnsafeBytes { label($0, in: &batch) }
    }
}

/// Reads a run's ``RequestBatch``es back into ``AttributedRequest``s, for sinks that store values rather than
/// SQLite's label ids.
///
/// A batch refers to labels and shapes by ids local to its run, and carries only those first seen in it, so the
/// reader learns each batch's new ones in order, as `RequestInserter` does for SQLite:
///
/// ```swift
/// var reader = RequestBatchReader()
/// for batch in batches {
///     reader.learn(batch)
///     for row in 0..<batch.count { sink.write(reader.request(row, of: batch)) }
/// }
/// ```
package struct RequestBatchReader: Sendable {
    private var labels: [String] = []
    private var shapes: [[Int32]] = []

    package init() {}

    /// Learns the labels and shapes first seen in `batch`. Call it for every batch of a run, in order, before
    /// reading the batch's rows.
    package mutating func learn(_ batch: RequestBatch) {
        if batch.restartsLocalIDs {
            labels.removeAll(keepingCapacity: true)
            shapes.removeAll(keepingCapacity: true)
        }
        for index in 0..<batch.newLabelCount {
            labels.append(String(decoding: batch.newLabel(index), as: UTF8.self))
        }
        for index in 0..<batch.newShapeCount {
            shapes.append(Array(batch.newShape(index)))
        }
    }

    /// Row `row` of `batch`, every field spelled out; `nil` when the batch refers to a label or shape this reader
    /// was not shown (a batch skipped or read out of order).
    package func request(_ row: Int, of batch: RequestBatch) -> AttributedRequest? {
        guard row >= 0, row < batch.count else { return nil }
        let integerCount = RequestBatch.integerColumns.count
        let integers = batch.integers[(row * integerCount)..<((row + 1) * integerCount)].map { $0 == RequestBatch.nullInteger ? nil : $0 }
        let shapeID = Int(batch.shapes[row])
        guard shapeID >= 0, shapeID < shapes.count, let line = integers[0] else { return nil }
        let shape = shapes[shapeID]
        // The shape key: route, target, operation, the shape label fields, then the tcp, health check and inbound flags.
        let attributedCount = 3
        let labelCount = RequestBatch.shapeLabelColumns.count
        guard shape.count == RequestBatch.shapeKeyWidth, let route = label(shape[0]) else { return nil }
        let shapeLabels = shape[attributedCount..<labelCount].map(label)
        let rowLabelCount = RequestBatch.labelColumns.count
        let rowLabels = batch.labels[(row * rowLabelCount)..<((row + 1) * rowLabelCount)].map(label)
        let texts = (0..<RequestBatch.textColumns.count).map { text($0, ofRow: row, in: batch) }
        return AttributedRequest(
            line: line, startTime: integers[1], status: integers[2], bytesReceived: integers[3], bytesSent: integers[4], durationMs: integers[5],
            upstreamServiceTimeMs: integers[6],
            attribution: RequestAttribution(
                route: route, target: label(shape[1]), operation: label(shape[2]), isHealthCheck: shape[labelCount + 1] != 0,
                isInbound: shape[labelCount + 2] != 0
            ),
            isTCP: shape[labelCount] != 0,
            method: shapeLabels[0], protocol: shapeLabels[1], flags: shapeLabels[2], details: shapeLabels[3], authority: shapeLabels[4],
            upstreamCluster: shapeLabels[5], routeName: shapeLabels[6],
            userAgent: rowLabels[0], upstreamHost: rowLabels[1],
            path: texts[0], forwardedFor: texts[1], requestID: texts[2]
        )
    }

    private func label(_ id: Int32) -> String? {
        id >= 0 && Int(id) < labels.count ? labels[Int(id)] : nil
    }

    /// Text slot `column` of `row`: a range of the arena, a UUID blob spelled out, or `nil`.
    private func text(_ column: Int, ofRow row: Int, in batch: RequestBatch) -> String? {
        let slot = (row * RequestBatch.textColumns.count + column) * 2
        let (start, stored) = (Int(batch.texts[slot]), batch.texts[slot + 1])
        if let blobLength = RequestBatch.blobLength(stored) {
            return Self.uuid(batch.bytes[start..<(start + Int(blobLength))])
        }
        guard stored >= 0 else { return nil }
        return String(decoding: batch.bytes[start..<(start + Int(stored))], as: UTF8.self)
    }

    /// 16 bytes as a lower-case UUID, `8-4-4-4-12` hex digits.
    private static func uuid(_ bytes: ArraySlice<UInt8>) -> String {
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        .joined()
        guard hex.count == 32 else { return hex }
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}

import AccessLog

/// Requests parsed and attributed but not yet stored, in flat buffers that are reused from batch to
/// batch: what the reading thread hands the writing thread.
///
/// Each row is ``integerColumns`` as `Int64`s, a local shape id, ``labelColumns`` as local label ids
/// and ``textColumns`` as ranges of one byte arena, all at fixed places, so filling a batch allocates
/// nothing per row and ``removeAll()`` keeps every buffer's capacity. Labels and shapes first seen
/// while filling the batch travel with it (``newLabel(_:)``, ``newShape(_:)``), so the writer learns
/// them before any row that uses them.
///
/// Filled by ``RequestEncoder``, stored by ``RequestInserter``.
package struct RequestBatch: Sendable {
    /// `request` columns stored as integers, in row order; `line` is not a parsed field.
    package static let integerColumns = ["line", "start_time", "status", "bytes_received", "bytes_sent", "duration_ms", "upstream_service_time_ms"]
    /// `request` columns holding a `label` id, in row order: the labels too varied to be part of a shape.
    package static let labelColumns = RequestEncoder.rowLabelFields.map { "\($0.key)_id" }
    /// `request` columns holding text inline: values that rarely repeat. `request_id` may be a blob.
    package static let textColumns = RequestEncoder.textFields.map(\.key)
    /// `request_shape` columns holding a `label` id, in key order, then its flag columns.
    package static let shapeLabelColumns = ["route_id", "target_id", "operation_id"] + RequestEncoder.shapeLabelFields.map { "\($0.key)_id" }
    package static let shapeFlagColumns = ["tcp", "health_check", "inbound"]
    /// A shape's key: its local label ids (``nullLabel`` for NULL), then its flags as 0 or 1.
    package static let shapeKeyWidth = shapeLabelColumns.count + shapeFlagColumns.count

    /// What an integer slot holds for NULL; no parsed value (18 digits at most) comes near it.
    package static let nullInteger = Int64.min
    /// What a label slot holds for NULL.
    package static let nullLabel: Int32 = -1

    package private(set) var integers: [Int64] = []
    package private(set) var shapes: [Int32] = []
    package private(set) var labels: [Int32] = []
    /// Per text slot, the value's start in `bytes` and its length, or `-1, -1` for NULL; a blob's length is
    /// stored as `-2 - length` (see ``blobLength(_:)``).
    package private(set) var texts: [Int32] = []
    package private(set) var bytes: [UInt8] = []
    /// Labels first seen in this batch, as start and length in `bytes`; their ids run from `firstNewLabel`.
    package private(set) var newLabels: [Int32] = []
    package private(set) var firstNewLabel: Int32 = 0
    /// Shapes first seen in this batch, ``shapeKeyWidth`` values each; their ids run from `firstNewShape`.
    package private(set) var newShapes: [Int32] = []
    package private(set) var firstNewShape: Int32 = 0
    /// Whether local label and shape ids start again at 0 with this batch (the encoder's dictionaries were full).
    package private(set) var restartsLocalIDs = false

    /// Rows in the batch.
    package private(set) var count = 0

    package init() {}

    /// Bytes of text held: with ``count``, what tells the encoder that a batch is full.
    package var byteCount: Int { bytes.count }

    /// Empties the batch for reuse, keeping its buffers, and says which local label and shape ids it starts at.
    package mutating func removeAll(firstNewLabel: Int32, firstNewShape: Int32, restartsLocalIDs: Bool) {
        integers.removeAll(keepingCapacity: true)
        shapes.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        newLabels.removeAll(keepingCapacity: true)
        newShapes.removeAll(keepingCapacity: true)
        count = 0
        self.firstNewLabel = firstNewLabel
        self.firstNewShape = firstNewShape
        self.restartsLocalIDs = restartsLocalIDs
    }

    // MARK: Filling a row: the encoder appends every integer, label and text slot, then ends the row.

    package mutating func appendInteger(_ value: Int64?) {
        integers.append(value ?? Self.nullInteger)
    }

    package mutating func appendShape(_ id: Int32) {
        shapes.append(id)
    }

    package mutating func appendLabel(_ id: Int32?) {
        labels.append(id ?? Self.nullLabel)
    }

    package mutating func appendText(_ value: UnsafeRawBufferPointer?) {
        guard let value else {
            texts.append(-1)
            texts.append(-1)
            return
        }
        texts.append(Int32(bytes.count))
        texts.append(Int32(value.count))
        bytes.append(bytes: value)
    }

    /// Appends `value` as a blob: a `request_id` UUID as its 16 bytes.
    package mutating func appendBlob(_ value: UnsafeRawBufferPointer) {
        texts.append(Int32(bytes.count))
        texts.append(-2 - Int32(value.count))
        bytes.append(bytes: value)
    }

    /// The length of the blob a text slot's stored length describes, or `nil` for text and NULL.
    package static func blobLength(_ storedLength: Int32) -> Int32? {
        storedLength <= -2 ? -2 - storedLength : nil
    }

    package mutating func appendNewShape(_ key: UnsafeBufferPointer<Int32>) {
        newShapes.append(contentsOf: key)
    }

    package mutating func appendNewLabel(_ text: UnsafeRawBufferPointer) {
        newLabels.append(Int32(bytes.count))
        newLabels.append(Int32(text.count))
        bytes.append(bytes: text)
    }

    package mutating func endRow() {
        count += 1
        assert(integers.count == count * Self.integerColumns.count)
        assert(shapes.count == count)
        assert(labels.count == count * Self.labelColumns.count)
        assert(texts.count == count * Self.textColumns.count * 2)
    }

    // MARK: Reading it back

    /// The number of labels first seen in this batch.
    package var newLabelCount: Int { newLabels.count / 2 }

    /// The least and greatest start time of the batch's rows, `nil` when none has one.
    package var startTimeRange: (min: Int64?, max: Int64?) {
        let column = Self.integerColumns.firstIndex(of: "start_time")!
        var range: (min: Int64?, max: Int64?) = (nil, nil)
        for row in 0..<count {
            let time = integers[row * Self.integerColumns.count + column]
            guard time != Self.nullInteger else { continue }
            range = (Swift.min(range.min ?? time, time), Swift.max(range.max ?? time, time))
        }
        return range
    }

    /// The number of shapes first seen in this batch.
    package var newShapeCount: Int { newShapes.count / Self.shapeKeyWidth }

    /// The key of the `index`-th new shape: local shape id `firstNewShape + index`.
    package func newShape(_ index: Int) -> ArraySlice<Int32> {
        newShapes[index * Self.shapeKeyWidth..<(index + 1) * Self.shapeKeyWidth]
    }

    /// The text of the `index`-th new label: local id `firstNewLabel + index`.
    package func newLabel(_ index: Int) -> [UInt8] {
        Array(bytes[Int(newLabels[2 * index])..<Int(newLabels[2 * index] + newLabels[2 * index + 1])])
    }
}

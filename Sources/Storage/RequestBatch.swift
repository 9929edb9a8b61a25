import AccessLog

/// Requests parsed and attributed but not yet stored, in flat buffers that are reused from batch to
/// batch: what the reading thread hands the writing thread.
///
/// Each row is ``integerColumns`` as `Int64`s, ``labelColumns`` as local label ids and ``textColumns``
/// as ranges of one byte arena, all at fixed places, so filling a batch allocates nothing per row
/// and ``removeAll()`` keeps every buffer's capacity. Labels first seen while filling the batch travel
/// with it (``newLabel(_:)``), so the writer learns a label before any row that uses it.
///
/// Filled by ``RequestEncoder``, stored by ``RequestInserter``.
package struct RequestBatch: Sendable {
    /// `request` columns stored as integers, in row order; `line` and `tcp` are not parsed fields.
    static let integerColumns = ["line", "start_time", "status", "bytes_received", "bytes_sent", "duration_ms", "upstream_service_time_ms", "tcp"]
    /// `request` columns holding a `label` id, in row order: the dictionary-encoded fields, then the attribution.
    static let labelColumns = RequestEncoder.labelFields.map { "\($0.key)_id" } + ["route_id", "target_id"]
    /// `request` columns holding text inline: values that rarely repeat.
    static let textColumns = RequestEncoder.textFields.map(\.key)

    /// What an integer slot holds for NULL; no parsed value (18 digits at most) comes near it.
    static let nullInteger = Int64.min
    /// What a label slot holds for NULL.
    static let nullLabel: Int32 = -1

    private(set) var integers: [Int64] = []
    private(set) var labels: [Int32] = []
    /// Per text slot, the value's start in `bytes` and its length, or `-1, -1` for NULL.
    private(set) var texts: [Int32] = []
    private(set) var bytes: [UInt8] = []
    /// Labels first seen in this batch, as start and length in `bytes`; their ids run from `firstNewLabel`.
    private(set) var newLabels: [Int32] = []
    private(set) var firstNewLabel: Int32 = 0
    /// Whether local label ids start again at 0 with this batch (the encoder's dictionary was full).
    private(set) var restartsLabels = false

    /// Rows in the batch.
    package private(set) var count = 0

    package init() {}

    /// Bytes of text held: with ``count``, what tells the encoder that a batch is full.
    package var byteCount: Int { bytes.count }

    /// Empties the batch for reuse, keeping its buffers, and says which local label ids it starts at.
    mutating func removeAll(firstNewLabel: Int32, restartsLabels: Bool) {
        integers.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        newLabels.removeAll(keepingCapacity: true)
        count = 0
        self.firstNewLabel = firstNewLabel
        self.restartsLabels = restartsLabels
    }

    // MARK: Filling a row: the encoder appends every integer, label and text slot, then ends the row.

    mutating func appendInteger(_ value: Int64?) {
        integers.append(value ?? Self.nullInteger)
    }

    mutating func appendLabel(_ id: Int32?) {
        labels.append(id ?? Self.nullLabel)
    }

    mutating func appendText(_ value: UnsafeRawBufferPointer?) {
        guard let value else {
            texts.append(-1)
            texts.append(-1)
            return
        }
        texts.append(Int32(bytes.count))
        texts.append(Int32(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func appendNewLabel(_ text: UnsafeRawBufferPointer) {
        newLabels.append(Int32(bytes.count))
        newLabels.append(Int32(text.count))
        bytes.append(contentsOf: text)
    }

    mutating func endRow() {
        count += 1
        assert(integers.count == count * Self.integerColumns.count)
        assert(labels.count == count * Self.labelColumns.count)
        assert(texts.count == count * Self.textColumns.count * 2)
    }

    // MARK: Reading it back

    /// The number of labels first seen in this batch.
    var newLabelCount: Int { newLabels.count / 2 }

    /// The text of the `index`-th new label: local id `firstNewLabel + index`.
    func newLabel(_ index: Int) -> [UInt8] {
        Array(bytes[Int(newLabels[2 * index])..<Int(newLabels[2 * index] + newLabels[2 * index + 1])])
    }
}

import Foundation
import GRDB
import Synchronization

/// The `label` and `request_shape` tables held in memory, each value already written as RowBinary, so that
/// ``RequestExport`` reads a request from `request` alone (its own columns and ids) instead of through
/// `request_view`'s twelve joins, and writes a shape's twelve columns as five copies of bytes encoded once.
///
/// Both tables are append-only: ingest inserts labels and shapes, nothing updates or deletes them, so what is
/// loaded stays true, and an id not loaded yet is one committed since: the rows past the greatest id known are read
/// then, once per read transaction at most (``beginRead()``). An id still unknown after that is one the tables do
/// not hold, and it gives what `request_view` gives: NULL for a label (its LEFT JOINs), no row for a shape that is
/// missing or whose route label is (its inner JOINs).
struct ExportDictionary: Sendable {
    /// A shape's columns in RowBinary, in five runs between the request's own columns: `bounds[0]..<bounds[1]` is
    /// method; then protocol; flags and details; authority; and upstream_cluster, route_name, tcp, route, target,
    /// operation, health_check, inbound.
    struct Shape: Sendable {
        var bounds: (Int, Int, Int, Int, Int, Int)
    }

    /// Encoded labels end to end: each `Nullable(String)` not NULL (0, LEB128 length, UTF-8).
    private(set) var labelBytes: [UInt8] = []
    private var labels = IDMap<Range<Int>>()
    private(set) var shapeBytes: [UInt8] = []
    /// `nil` for a shape whose route label is missing: the view's inner join drops its rows.
    private var shapes = IDMap<Shape?>()
    private var labelsReadInTransaction = false
    private var shapesReadInTransaction = false

    /// Call at the start of each read transaction: ids unknown in it are looked up once again.
    mutating func beginRead() {
        labelsReadInTransaction = false
        shapesReadInTransaction = false
    }

    /// Label `id`'s `Nullable(String)` bytes in ``labelBytes``; `nil` when the label table has no such id (NULL).
    @inline(__always)
    mutating func label(_ id: Int64, in db: Database) throws -> Range<Int>? {
        if let range = labels[id] { return range }
        guard !labelsReadInTransaction else { return nil }
        try loadLabels(db)
        return labels[id]
    }

    /// Shape `id`'s columns; `nil` when the view has no row for a request of this shape.
    @inline(__always)
    mutating func shape(_ id: Int64, in db: Database) throws -> Shape? {
        if let shape = shapes[id] { return shape }
        guard !shapesReadInTransaction else { return nil }
        // A shape's labels are committed with it: read them first.
        if !labelsReadInTransaction { try loadLabels(db) }
        try loadShapes(db)
        return shapes[id] ?? nil
    }

    private mutating func loadLabels(_ db: Database) throws {
        labelsReadInTransaction = true
        let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM label WHERE id > ? ORDER BY id", arguments: [labels.maxID])
        var writer = RowBinaryWriter(capacity: 0)
        while let row = try rows.next() {
            guard let id = Self.integer(row, 0) else { continue }
            writer = RowBinaryWriter(capacity: 0)
            writer.appendNotNull()
            try row.withUnsafeData(atIndex: 1) { data in
                if let data { data.withUnsafeBytes { writer.appendString($0) } } else { writer.appendLength(0) }
            }
            let start = labelBytes.count
            labelBytes.append(contentsOf: writer.bytes)
            labels.insert(start..<labelBytes.count, for: id)
        }
    }

    private mutating func loadShapes(_ db: Database) throws {
        shapesReadInTransaction = true
        let sql = """
            SELECT id, method_id, protocol_id, flags_id, details_id, authority_id, upstream_cluster_id, route_name_id, tcp, route_id,
                   target_id, operation_id, health_check, inbound
            FROM request_shape WHERE id > ? ORDER BY id
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [shapes.maxID])
        while let row = try rows.next() {
            guard let id = Self.integer(row, 0) else { continue }
            // The route is `String`, not `Nullable(String)`: its label's bytes without the leading 0.
            guard let routeID = Self.integer(row, 9), let route = labels[routeID] else {
                shapes.insert(nil, for: id)
                continue
            }
            var writer = RowBinaryWriter(capacity: 128)
            func appendLabel(_ index: Int) {
                if let labelID = Self.integer(row, index), let range = labels[labelID] {
                    writer.appendEncoded(labelBytes[range])
                } else {
                    writer.appendNull()
                }
            }
            func appendFlag(_ index: Int) {
                writer.append(UInt8(truncatingIfNeeded: Self.integer(row, index) ?? 0))
            }
            let start = shapeBytes.count
            appendLabel(1)
            let afterMethod = start + writer.bytes.count
            appendLabel(2)
            let afterProtocol = start + writer.bytes.count
            appendLabel(3)
            appendLabel(4)
            let afterDetails = start + writer.bytes.count
            appendLabel(5)
            let afterAuthority = start + writer.bytes.count
            appendLabel(6)
            appendLabel(7)
            appendFlag(8)
            writer.appendEncoded(labelBytes[route.dropFirst()])
            appendLabel(10)
            appendLabel(11)
            appendFlag(12)
            appendFlag(13)
            shapeBytes.append(contentsOf: writer.bytes)
            shapes.insert(Shape(bounds: (start, afterMethod, afterProtocol, afterDetails, afterAuthority, shapeBytes.count)), for: id)
        }
    }

    /// An integer column's value; `nil` for NULL, and for anything but a whole number (which GRDB's `Int64`
    /// conversion would stop the process on), as no join matches it.
    private static func integer(_ row: Row, _ index: Int) -> Int64? {
        switch (row[index] as DatabaseValue).storage {
        case .int64(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }
}

extension ExportDictionary {
    /// Values by `INTEGER PRIMARY KEY` id: SQLite gives the next row the greatest id plus one, so ids are dense and
    /// an array indexed by id is the fast map; an id far past the others (a table edited by hand) goes into a
    /// dictionary rather than growing the array to it.
    struct IDMap<Value: Sendable>: Sendable {
        private var dense: [Value?] = []
        private var sparse: [Int64: Value] = [:]
        /// The greatest id inserted; `Int64.min` at first, so that the first load reads every row.
        private(set) var maxID: Int64 = .min

        @inline(__always)
        subscript(id: Int64) -> Value? {
            if id >= 0, id < dense.count { return dense[Int(id)] }
            return sparse.isEmpty ? nil : sparse[id]
        }

        mutating func insert(_ value: Value, for id: Int64) {
            maxID = max(maxID, id)
            if id >= 0, id < Int64(2 * dense.count + 65_536) {
                let index = Int(id)
                if index >= dense.count { dense.append(contentsOf: repeatElement(nil, count: index + 1 - dense.count)) }
                dense[index] = value
            } else {
                sparse[id] = value
            }
        }
    }

    /// One dictionary shared by the copies of a ``RequestExport``, taken for the length of a batch and put back:
    /// two batches read at once (the shipper reads one at a time) each get a whole dictionary, one of them empty.
    final class Shared: Sendable {
        private let state = Mutex(ExportDictionary())

        init() {}

        func take() -> ExportDictionary {
            state.withLock { dictionary in
                let taken = dictionary
                dictionary = ExportDictionary()
                return taken
            }
        }

        func put(_ dictionary: sending ExportDictionary) {
            state.withLock { $0 = dictionary }
        }
    }
}

import Foundation
import GRDB
import Statistics

/// One batch's requests counted per minute and request shape in memory, then added to `request_rollup` at the
/// minute, hour and day in the writer's transaction, so rollups count every stored row exactly once, as the
/// rows and the checkpoint do.
///
/// Keyed by a request shape with only what reports ask of rollups: route, target, operation, class (TCP,
/// health check, Istio side), response flags and details; the method, protocol, authority, cluster and route
/// name (``droppedShapeColumns``) are left out, which makes a fifth as many rollup rows on routelens-bench's
/// 60-route month. A shape, not a key of its own: counts per flag and the local-reply split of 5xx (decided
/// per shape from its details and flags, see `queries/reports/_scope.sql`) need no columns of their own, and
/// every report filters and groups rollups with the SQL it uses for raw rows.
struct RollupAccumulator {
    /// `request_shape` label columns a rollup's shape has NULL in, whatever its requests had.
    static let droppedShapeColumns = ["method_id", "protocol_id", "authority_id", "upstream_cluster_id", "route_name_id"]

    struct Key: Hashable {
        var start: Int64
        var shapeID: Int64
    }

    /// Durations below this many milliseconds are counted in a dense array of buckets per cell, one increment a
    /// request; longer ones (rare) are kept and bucketed when the batch is written. Sorting every duration cost
    /// the writer 0.1 µs a request.
    static let denseLimit: Int64 = 1 << 15
    static let denseBuckets = Int(LatencyHistogram.bucket(of: denseLimit - 1)) + 1

    /// The counters of one key; `dense` and `durations` hold the minute's durations until the histogram is built.
    struct Cell {
        var requests: Int64 = 0
        var status2xx: Int64 = 0
        var status3xx: Int64 = 0
        var status4xx: Int64 = 0
        var status5xx: Int64 = 0
        var status429: Int64 = 0
        var bytesReceived: Int64 = 0
        var bytesSent: Int64 = 0
        var dense: [Int32] = []
        var durations: [Int64] = []
        var minimum = Int64.max
        var maximum = Int64.min
        var histogram = LatencyHistogram()

        mutating func add(_ other: Cell) {
            requests += other.requests
            status2xx += other.status2xx
            status3xx += other.status3xx
            status4xx += other.status4xx
            status5xx += other.status5xx
            status429 += other.status429
            bytesReceived += other.bytesReceived
            bytesSent += other.bytesSent
            histogram.merge(other.histogram)
        }
    }

    private var index: [Key: Int] = [:]
    private var keys: [Key] = []
    private var cells: [Cell] = []

    var isEmpty: Bool { keys.isEmpty }

    /// Counts one request; `nil`s are values the line did not log.
    @inline(__always)
    mutating func add(startTime: Int64?, shapeID: Int64, status: Int64?, bytesReceived: Int64?, bytesSent: Int64?, duration: Int64?) {
        let slot = slot(of: Key(start: startTime.map(RollupPeriod.minute.start(of:)) ?? RollupPeriod.noStartTime, shapeID: shapeID))
        cells[slot].requests += 1
        if let status {
            switch status {
            case 200...299: cells[slot].status2xx += 1
            case 300...399: cells[slot].status3xx += 1
            case 400...499:
                cells[slot].status4xx += 1
                if status == 429 { cells[slot].status429 += 1 }
            case 500...599: cells[slot].status5xx += 1
            default: break
            }
        }
        // Byte counts and durations are at most 18 digits, and a minute of one shape cannot add up to overflow.
        cells[slot].bytesReceived &+= max(0, bytesReceived ?? 0)
        cells[slot].bytesSent &+= max(0, bytesSent ?? 0)
        if let duration {
            let value = max(0, duration)
            if value < Self.denseLimit {
                if cells[slot].dense.isEmpty { cells[slot].dense = Array(repeating: 0, count: Self.denseBuckets) }
                cells[slot].dense[Int(LatencyHistogram.bucket(of: value))] &+= 1
                cells[slot].minimum = min(cells[slot].minimum, value)
                cells[slot].maximum = max(cells[slot].maximum, value)
            } else {
                cells[slot].durations.append(value)
            }
        }
    }

    /// Adds counters already summed: a v3 `request_minute` row being converted.
    mutating func add(_ cell: Cell, minute: Int64, shapeID: Int64) {
        cells[slot(of: Key(start: minute, shapeID: shapeID))].add(cell)
    }

    private mutating func slot(of key: Key) -> Int {
        if let slot = index[key] { return slot }
        index[key] = cells.count
        keys.append(key)
        cells.append(Cell())
        return cells.count - 1
    }

    mutating func removeAll() {
        index.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
    }

    /// Adds the counted requests to `request_rollup` at every ``RollupPeriod``: a key already stored (a late
    /// or out-of-order row, a minute split across batches) has its counters added and histograms merged.
    mutating func write(in db: Database) throws {
        for slot in cells.indices {
            if !cells[slot].dense.isEmpty {
                cells[slot].histogram.merge(LatencyHistogram(denseCounts: cells[slot].dense, minimum: cells[slot].minimum, maximum: cells[slot].maximum))
                cells[slot].dense = []
            }
            if !cells[slot].durations.isEmpty {
                cells[slot].histogram.record(contentsOf: cells[slot].durations)
                cells[slot].durations = []
            }
        }
        let upsert = try db.cachedStatement(sql: Self.upsertSQL)
        for period in RollupPeriod.allCases {
            var derived: [Key: Cell] = [:]
            for (slot, key) in keys.enumerated() {
                derived[Key(start: period.start(of: key.start), shapeID: key.shapeID), default: Cell()].add(cells[slot])
            }
            for (key, cell) in derived {
                try upsert.execute(arguments: [
                    period.milliseconds, key.start, key.shapeID, cell.requests, cell.status2xx, cell.status3xx, cell.status4xx, cell.status5xx,
                    cell.status429, cell.bytesReceived, cell.bytesSent, cell.histogram.count > 0 ? Data(cell.histogram.serialized) : nil,
                ])
            }
        }
        removeAll()
    }

    static let upsertSQL = """
        INSERT INTO request_rollup (period, start, shape_id, requests, status_2xx, status_3xx, status_4xx, status_5xx, status_429,
                                    bytes_received, bytes_sent, durations)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (period, start, shape_id) DO UPDATE SET
            requests = requests + excluded.requests,
            status_2xx = status_2xx + excluded.status_2xx,
            status_3xx = status_3xx + excluded.status_3xx,
            status_4xx = status_4xx + excluded.status_4xx,
            status_5xx = status_5xx + excluded.status_5xx,
            status_429 = status_429 + excluded.status_429,
            bytes_received = bytes_received + excluded.bytes_received,
            bytes_sent = bytes_sent + excluded.bytes_sent,
            durations = routelens_merge_histograms(durations, excluded.durations)
        """
}

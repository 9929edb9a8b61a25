/// Durations counted in log-linear buckets, for latency percentiles over data whose raw rows are gone.
///
/// Exact below 64 ms; above, 64 buckets per power of two, so a reported percentile is at most 1/64
/// (1.6%) above the true value. Histograms of different minutes, routes or files merge by adding
/// counts, which is what per-minute rollups need; the maximum is kept exactly.
///
/// ```swift
/// var histogram = LatencyHistogram()
/// histogram.record(23)
/// histogram.percentile(99)   // 23
/// ```
package struct LatencyHistogram: Sendable, Equatable {
    /// Bucket index → count, only for buckets with a count.
    private(set) var counts: [Int: Int] = [:]
    package private(set) var count = 0
    package private(set) var maximum: Int64?

    private static let exactLimit: Int64 = 64
    private static let subBucketBits = 6

    package init() {}

    package mutating func record(_ milliseconds: Int64, times: Int = 1) {
        let value = max(0, milliseconds)
        counts[Self.bucket(of: value), default: 0] += times
        count += times
        maximum = Swift.max(maximum ?? value, value)
    }

    package mutating func merge(_ other: LatencyHistogram) {
        for (bucket, bucketCount) in other.counts { counts[bucket, default: 0] += bucketCount }
        count += other.count
        if let otherMaximum = other.maximum { maximum = Swift.max(maximum ?? otherMaximum, otherMaximum) }
    }

    /// The nearest-rank percentile (position ⌈p·n/100⌉) as the upper bound of its bucket, never above
    /// the maximum; `nil` when empty.
    package func percentile(_ percent: Int) -> Int64? {
        guard count > 0, let maximum else { return nil }
        let rank = max(1, (percent * count + 99) / 100)
        var seen = 0
        for bucket in counts.keys.sorted() {
            seen += counts[bucket]!
            if seen >= rank { return min(Self.upperBound(of: bucket), maximum) }
        }
        return maximum
    }

    static func bucket(of value: Int64) -> Int {
        guard value >= exactLimit else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let shift = exponent - subBucketBits
        let mantissa = Int(value >> shift) - Int(exactLimit)
        return Int(exactLimit) + shift * 64 + mantissa
    }

    static func upperBound(of bucket: Int) -> Int64 {
        guard bucket >= Int(exactLimit) else { return Int64(bucket) }
        let shift = (bucket - Int(exactLimit)) / 64
        let mantissa = Int64((bucket - Int(exactLimit)) % 64)
        return ((exactLimit + mantissa) << shift) + (Int64(1) << shift) - 1
    }
}

extension LatencyHistogram {
    /// The histogram as bytes for a BLOB column: LEB128 varints, the maximum, then (bucket, count) pairs.
    package var serialized: [UInt8] {
        var bytes: [UInt8] = []
        Self.appendVarint(UInt64(maximum ?? 0), to: &bytes)
        for bucket in counts.keys.sorted() {
            Self.appendVarint(UInt64(bucket), to: &bytes)
            Self.appendVarint(UInt64(counts[bucket]!), to: &bytes)
        }
        return bytes
    }

    /// Reads ``serialized`` bytes; `nil` when they are not a histogram.
    package init?(serialized bytes: [UInt8]) {
        var index = 0
        guard let maximum = Self.readVarint(bytes, &index) else { return nil }
        while index < bytes.count {
            guard let bucket = Self.readVarint(bytes, &index), let bucketCount = Self.readVarint(bytes, &index) else { return nil }
            counts[Int(bucket), default: 0] += Int(bucketCount)
            count += Int(bucketCount)
        }
        self.maximum = count > 0 ? Int64(maximum) : nil
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private static func readVarint(_ bytes: [UInt8], _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

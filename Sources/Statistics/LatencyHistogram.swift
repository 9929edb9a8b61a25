/// Durations counted in log-linear buckets: latency percentiles from rollups, mergeable across minutes,
/// shapes and files by adding counts.
///
/// Exact below 128 ms; above, 128 buckets per power of two, and a percentile reads as its bucket's
/// midpoint (clamped to the least and greatest value recorded), so it is within 1/256 (0.4%) of the
/// exact nearest-rank value: the issue asks for 1%. Only buckets with a count are kept, as two sorted
/// arrays, so a merge is one linear pass and a histogram of a minute of one shape is a few dozen entries.
///
/// Hand-written rather than HdrHistogram/hdrhistogram-swift 0.2.0: that package keeps (and encodes, through
/// `Codable`) a dense counts array of thousands of slots per histogram, and rollup rows need a blob of
/// a few dozen bytes that merges without expanding it (see ``serialized``).
///
/// ```swift
/// var histogram = LatencyHistogram()
/// histogram.record(23)
/// histogram.percentile(99)   // 23
/// ```
package struct LatencyHistogram: Sendable, Equatable {
    /// Indices of the buckets with a count, ascending.
    package internal(set) var buckets: [Int32] = []
    /// The count of each bucket in ``buckets``.
    package internal(set) var bucketCounts: [Int64] = []
    package internal(set) var count: Int64 = 0
    package internal(set) var minimum: Int64?
    package internal(set) var maximum: Int64?

    static let subBucketBits = 7
    static let exactLimit: Int64 = 1 << subBucketBits

    package init() {}

    /// A histogram of counts already bucketed: `counts[bucket]` values in each bucket below `counts.count`, the
    /// least and greatest value recorded. What a writer counting many values cheaply hands over.
    package init(denseCounts counts: [Int32], minimum: Int64, maximum: Int64) {
        for (bucket, bucketCount) in counts.enumerated() where bucketCount > 0 {
            buckets.append(Int32(bucket))
            bucketCounts.append(Int64(bucketCount))
            count += Int64(bucketCount)
        }
        if count > 0 { (self.minimum, self.maximum) = (max(0, minimum), max(0, maximum)) }
    }

    /// A histogram from its parts as another store kept them (ClickHouse's rollups: bucket indices and counts,
    /// merged there with `sumMap`); `nil` when they are not a histogram: arrays of different lengths, buckets out
    /// of order or negative, a count below 1, or extremes that do not fit the buckets.
    package init?(buckets: [Int32], counts: [Int64], minimum: Int64, maximum: Int64) {
        guard buckets.count == counts.count, !buckets.isEmpty, minimum >= 0, minimum <= maximum else { return nil }
        var total: Int64 = 0
        for index in buckets.indices {
            guard buckets[index] >= 0, counts[index] > 0, index == 0 || buckets[index - 1] < buckets[index] else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(counts[index])
            guard !overflow else { return nil }
            total = sum
        }
        guard Self.bucket(of: minimum) == buckets[0], Self.bucket(of: maximum) == buckets[buckets.count - 1] else { return nil }
        self.buckets = buckets
        bucketCounts = counts
        count = total
        (self.minimum, self.maximum) = (minimum, maximum)
    }

    package mutating func record(_ milliseconds: Int64, times: Int64 = 1) {
        guard times > 0 else { return }
        let value = max(0, milliseconds)
        let bucket = Self.bucket(of: value)
        let index = insertionIndex(of: bucket)
        if index < buckets.count, buckets[index] == bucket {
            bucketCounts[index] += times
        } else {
            buckets.insert(bucket, at: index)
            bucketCounts.insert(times, at: index)
        }
        count += times
        minimum = Swift.min(minimum ?? value, value)
        maximum = Swift.max(maximum ?? value, value)
    }

    /// Records many values at once: sorting their buckets beats inserting them one by one.
    package mutating func record(contentsOf values: [Int64]) {
        guard !values.isEmpty else { return }
        var other = LatencyHistogram()
        var sortedBuckets = values.map { Self.bucket(of: max(0, $0)) }
        sortedBuckets.sort()
        for bucket in sortedBuckets {
            if other.buckets.last == bucket {
                other.bucketCounts[other.bucketCounts.count - 1] += 1
            } else {
                other.buckets.append(bucket)
                other.bucketCounts.append(1)
            }
        }
        other.count = Int64(values.count)
        other.minimum = max(0, values.min() ?? 0)
        other.maximum = max(0, values.max() ?? 0)
        merge(other)
    }

    package mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        var mergedBuckets: [Int32] = []
        var mergedCounts: [Int64] = []
        mergedBuckets.reserveCapacity(buckets.count + other.buckets.count)
        mergedCounts.reserveCapacity(buckets.count + other.buckets.count)
        var (left, right) = (0, 0)
        while left < buckets.count || right < other.buckets.count {
            if right == other.buckets.count || (left < buckets.count && buckets[left] < other.buckets[right]) {
                mergedBuckets.append(buckets[left])
                mergedCounts.append(bucketCounts[left])
                left += 1
            } else if left == buckets.count || other.buckets[right] < buckets[left] {
                mergedBuckets.append(other.buckets[right])
                mergedCounts.append(other.bucketCounts[right])
                right += 1
            } else {
                mergedBuckets.append(buckets[left])
                mergedCounts.append(bucketCounts[left] + other.bucketCounts[right])
                left += 1
                right += 1
            }
        }
        buckets = mergedBuckets
        bucketCounts = mergedCounts
        count += other.count
        minimum = Swift.min(minimum ?? Int64.max, other.minimum ?? Int64.max)
        maximum = Swift.max(maximum ?? 0, other.maximum ?? 0)
    }

    /// The nearest-rank percentile (position ⌈p·n/100⌉): the midpoint of its bucket, within the least and
    /// greatest value recorded (which the first and last position are exactly); `nil` when empty.
    package func percentile(_ percent: Int) -> Int64? {
        guard count > 0, let minimum, let maximum else { return nil }
        let rank = max(1, (Int64(percent) * count + 99) / 100)
        // The extremes are kept exactly.
        if rank >= count { return maximum }
        if rank == 1 { return minimum }
        var seen: Int64 = 0
        for (index, bucket) in buckets.enumerated() {
            seen += bucketCounts[index]
            if seen >= rank {
                let (low, high) = Self.bounds(of: bucket)
                return Swift.min(Swift.max(low + (high - low) / 2, minimum), maximum)
            }
        }
        return maximum
    }

    /// The first index whose bucket is not less than `bucket`.
    private func insertionIndex(of bucket: Int32) -> Int {
        var (low, high) = (0, buckets.count)
        while low < high {
            let middle = (low + high) / 2
            if buckets[middle] < bucket { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The bucket of a non-negative value: the value itself below ``exactLimit``; above, 128 buckets per
    /// power of two.
    @inline(__always)
    package static func bucket(of value: Int64) -> Int32 {
        guard value >= exactLimit else { return Int32(truncatingIfNeeded: value) }
        let exponent = 63 - value.leadingZeroBitCount
        let shift = exponent - subBucketBits
        let mantissa = (value >> shift) - exactLimit
        return Int32(truncatingIfNeeded: exactLimit + Int64(shift) * exactLimit + mantissa)
    }

    /// The least and greatest value of `bucket`.
    package static func bounds(of bucket: Int32) -> (low: Int64, high: Int64) {
        let index = Int64(bucket)
        guard index >= exactLimit else { return (index, index) }
        let shift = (index - exactLimit) / exactLimit
        let mantissa = (index - exactLimit) % exactLimit
        let low = (exactLimit + mantissa) << shift
        return (low, low + ((Int64(1) << shift) - 1))
    }
}

extension LatencyHistogram {
    /// The encoding's first byte: a later encoding can be told apart.
    static let encodingVersion: UInt8 = 1
    /// The greatest bucket a value can fall in; a stored bucket above it is not a histogram.
    static let greatestBucket = bucket(of: Int64.max)

    /// The histogram as bytes for a BLOB column: a version byte, then LEB128 varints: the least and
    /// greatest value, and per bucket with a count its distance from the previous one and its count. A
    /// minute of one request shape takes a few dozen bytes.
    package var serialized: [UInt8] {
        var bytes: [UInt8] = [Self.encodingVersion]
        bytes.reserveCapacity(3 + 3 * buckets.count)
        Self.appendVarint(UInt64(minimum ?? 0), to: &bytes)
        Self.appendVarint(UInt64(maximum ?? 0), to: &bytes)
        var previous: Int32 = 0
        for (index, bucket) in buckets.enumerated() {
            Self.appendVarint(UInt64(bucket - previous), to: &bytes)
            Self.appendVarint(UInt64(bucketCounts[index]), to: &bytes)
            previous = bucket
        }
        return bytes
    }

    /// Reads ``serialized`` bytes; `nil` when they are not a histogram.
    package init?(serialized bytes: some RandomAccessCollection<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.first == Self.encodingVersion else { return nil }
        var index = 1
        guard let minimum = Self.readVarint(bytes, &index), let maximum = Self.readVarint(bytes, &index),
            minimum <= maximum, maximum <= UInt64(Int64.max)
        else { return nil }
        var bucket: Int64 = 0
        while index < bytes.count {
            guard let distance = Self.readVarint(bytes, &index), let bucketCount = Self.readVarint(bytes, &index),
                distance <= UInt64(Self.greatestBucket), bucketCount > 0, bucketCount <= UInt64(Int64.max) - UInt64(count)
            else { return nil }
            bucket += Int64(distance)
            guard bucket <= Int64(Self.greatestBucket), buckets.isEmpty || distance > 0 else { return nil }
            buckets.append(Int32(bucket))
            bucketCounts.append(Int64(bucketCount))
            count += Int64(bucketCount)
        }
        if count > 0 {
            self.minimum = Int64(minimum)
            self.maximum = Int64(maximum)
        }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The LEB128 varint at `index` of `bytes`, moving `index` past it; `nil` when the bytes end inside one.
    package static func readVarint<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: inout Bytes.Index) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

extension LatencyHistogram {
    /// Merges two ``serialized`` histograms without decoding them into arrays: one pass over both, writing the
    /// merged bytes to `merged`. What a rollup upsert does for every stored minute, hour and day it adds to, so
    /// it is written for speed. `false` (and `merged` unspecified) when either is not a histogram.
    package static func mergeSerialized(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer, into merged: inout [UInt8]) -> Bool {
        var (leftReader, rightReader) = (Reader(left), Reader(right))
        guard leftReader.version == encodingVersion, rightReader.version == encodingVersion,
            let leftMinimum = leftReader.next(), let leftMaximum = leftReader.next(), let rightMinimum = rightReader.next(),
            let rightMaximum = rightReader.next()
        else { return false }
        var leftBucket = leftReader.nextBucket()
        var rightBucket = rightReader.nextBucket()
        let (leftEmpty, rightEmpty) = (leftBucket == nil, rightBucket == nil)
        merged.removeAll(keepingCapacity: true)
        merged.reserveCapacity(left.count + right.count)
        merged.append(encodingVersion)
        appendVarint(leftEmpty ? rightMinimum : rightEmpty ? leftMinimum : min(leftMinimum, rightMinimum), to: &merged)
        appendVarint(leftEmpty ? rightMaximum : rightEmpty ? leftMaximum : max(leftMaximum, rightMaximum), to: &merged)
        var previous: UInt64 = 0
        while true {
            let bucket: UInt64
            let count: UInt64
            switch (leftBucket, rightBucket) {
            case (nil, nil):
                return !leftReader.failed && !rightReader.failed
            case (let l?, nil):
                (bucket, count) = l
                leftBucket = leftReader.nextBucket()
            case (nil, let r?):
                (bucket, count) = r
                rightBucket = rightReader.nextBucket()
            case (let l?, let r?):
                if l.bucket < r.bucket {
                    (bucket, count) = l
                    leftBucket = leftReader.nextBucket()
                } else if r.bucket < l.bucket {
                    (bucket, count) = r
                    rightBucket = rightReader.nextBucket()
                } else {
                    guard l.count <= UInt64(Int64.max) - r.count else { return false }
                    (bucket, count) = (l.bucket, l.count + r.count)
                    leftBucket = leftReader.nextBucket()
                    rightBucket = rightReader.nextBucket()
                }
            }
            appendVarint(bucket - previous, to: &merged)
            appendVarint(count, to: &merged)
            previous = bucket
        }
    }

    /// Reads varints off serialized bytes; buckets as absolute indices.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var index = 1
        var bucket: UInt64 = 0
        var failed = false

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        var version: UInt8? { bytes.first }

        mutating func next() -> UInt64? {
            LatencyHistogram.readVarint(bytes, &index)
        }

        /// The next bucket and its count; `nil` at the end, or with `failed` set when the bytes are not a histogram.
        mutating func nextBucket() -> (bucket: UInt64, count: UInt64)? {
            guard index < bytes.count else { return nil }
            guard let distance = next(), let count = next(), distance <= UInt64(LatencyHistogram.greatestBucket),
                bucket + distance <= UInt64(LatencyHistogram.greatestBucket), count > 0
            else {
                failed = true
                return nil
            }
            bucket += distance
            return (bucket, count)
        }
    }
}

/// Gives each distinct label text (a method, an authority, a user agent, a route name …) a dense local
/// id, 0, 1, 2 …, in the order first seen.
///
/// Hand-written open addressing over one byte arena instead of `[[UInt8]: Int32]`: ingest looks up
/// a shape key and the odd new label per line, and a `Dictionary` keyed by byte arrays would allocate an array for every
/// lookup. Keys are compared as bytes, never decoded as strings.
///
/// ```swift
/// var labels = LabelDictionary()
/// labels.id(of: getBytes)   // (id: 0, isNew: true)
/// labels.id(of: getBytes)   // (id: 0, isNew: false)
/// ```
package struct LabelDictionary {
    /// Open-addressed table of `id + 1`, 0 for an empty slot; its count is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    /// Where each id's text lies in `text`.
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var text: [UInt8] = []

    package init() {}

    /// Distinct labels so far.
    package var count: Int { starts.count }
    /// Bytes of label text held.
    package var byteCount: Int { text.count }

    /// The id of `bytes`, and whether this call gave it.
    package mutating func id(of bytes: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(bytes)
        let (found, slot) = find(bytes, hash: hash)
        if let found { return (found, false) }
        let id = Int32(starts.count)
        starts.append(Int32(text.count))
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        text.append(bytes: bytes)
        slots[slot] = id + 1
        if starts.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The id of `bytes` if known, else the empty slot where it goes.
    private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> (id: Int32?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                text.withUnsafeBytes { text in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let stored = slots[slot]
                        if stored == 0 { return (nil, slot) }
                        let id = Int(stored - 1)
                        if hashes[id] == hash, Int(lengths[id]) == bytes.count,
                            Self.equal(text.baseAddress.map { $0 + Int(starts[id]) }, bytes.baseAddress, count: bytes.count)
                        {
                            return (Int32(id), slot)
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Compares 8 bytes at a time: labels are short, and a `memcmp` call costs more than the comparison.
    @inline(__always)
    private static func equal(_ left: UnsafeRawPointer?, _ right: UnsafeRawPointer?, count: Int) -> Bool {
        guard count > 0, let left, let right else { return true }
        var offset = 0
        while offset + 8 <= count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else {
                return false
            }
            offset += 8
        }
        while offset < count {
            guard left.load(fromByteOffset: offset, as: UInt8.self) == right.load(fromByteOffset: offset, as: UInt8.self) else { return false }
            offset += 1
        }
        return true
    }

    /// Forgets every label; ids start again at 0.
    package mutating func removeAll() {
        slots = Array(repeating: 0, count: 1024)
        hashes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    /// A multiply-xorshift hash over 8-byte words: labels are short, so this beats a byte-at-a-time
    /// hash, and no adversary chooses the probe sequence of a local ingest.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }
}

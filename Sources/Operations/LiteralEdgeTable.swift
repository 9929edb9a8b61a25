/// The literal edges of a ``SegmentTrie``, `(parent node, segment bytes) → child node`, in one
/// open-addressing hash table over a flat byte store.
///
/// Hand-written rather than a `Dictionary` keyed by `[UInt8]`: looking a logged segment up in such a
/// dictionary would first copy it into an array, one allocation per segment of every ingested line.
struct LiteralEdgeTable: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var parent: Int32 = -1
        var child: Int32 = -1
        var keyStart: Int32 = 0
        var keyLength: Int32 = 0
    }

    private let slots: [Slot]
    private let mask: Int
    private let keys: [UInt8]

    init(edges: [(parent: Int32, key: [UInt8], child: Int32)]) {
        var capacity = 8
        while capacity < edges.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        var keys: [UInt8] = []
        for edge in edges {
            let hash = edge.key.withUnsafeBytes { Self.hash(of: $0, parent: edge.parent) }
            var index = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[index].parent >= 0 { index = (index + 1) & (capacity - 1) }
            slots[index] = Slot(
                hash: hash, parent: edge.parent, child: edge.child, keyStart: Int32(keys.count), keyLength: Int32(edge.key.count)
            )
            keys += edge.key
        }
        self.slots = slots
        self.mask = capacity - 1
        self.keys = keys
    }

    /// The child of `parent` along the literal `segment`, or -1.
    func child(of parent: Int32, along segment: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(of: segment, parent: parent)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.parent < 0 { return -1 }
            if slot.hash == hash, slot.parent == parent, Int(slot.keyLength) == segment.count, equals(slot, segment) {
                return slot.child
            }
            index = (index + 1) & mask
        }
    }

    private func equals(_ slot: Slot, _ segment: UnsafeRawBufferPointer) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            var position = Int(slot.keyStart)
            for byte in segment {
                if keys[position] != byte { return false }
                position += 1
            }
            return true
        }
    }

    /// FNV-1a over the segment, seeded with the parent so equal segments under different parents spread.
    private static func hash(of segment: UnsafeRawBufferPointer, parent: Int32) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15
        for byte in segment {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash ^ hash >> 29
    }
}

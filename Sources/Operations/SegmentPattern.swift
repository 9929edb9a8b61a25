/// A segment that mixes literal text and variables, such as `{name}.json` or `v{major}.{minor}`.
///
/// Each variable matches at least one byte; the literal pieces must appear in order.
struct SegmentPattern: Equatable, Sendable {
    enum Piece: Equatable, Sendable {
        case literal([UInt8])
        case variable
    }

    let pieces: [Piece]

    /// How many literal bytes the pattern requires; patterns with more are tried first.
    var literalByteCount: Int {
        pieces.reduce(0) { count, piece in
            if case .literal(let bytes) = piece { count + bytes.count } else { count }
        }
    }

    func matches(_ segment: UnsafeRawBufferPointer) -> Bool {
        matches(segment, from: 0, piece: 0)
    }

    private func matches(_ segment: UnsafeRawBufferPointer, from offset: Int, piece index: Int) -> Bool {
        guard index < pieces.count else { return offset == segment.count }
        switch pieces[index] {
        case .literal(let bytes):
            guard segment.count - offset >= bytes.count else { return false }
            for (position, byte) in bytes.enumerated() where segment[offset + position] != byte { return false }
            return matches(segment, from: offset + bytes.count, piece: index + 1)
        case .variable:
            guard offset < segment.count else { return false }
            if index == pieces.count - 1 { return true }
            for end in (offset + 1)..<segment.count where matches(segment, from: end, piece: index + 1) { return true }
            return false
        }
    }
}

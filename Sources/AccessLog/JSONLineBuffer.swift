#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Growable bytes that ``LineParser/appendJSONLine(to:)`` writes records into, reused from line to line.
///
/// Hand-written rather than `[UInt8]`: appending to an array checks uniqueness and capacity per append,
/// which was a quarter of `routelens parse` (perf); here a record reserves its worst case once and is
/// then written through a raw pointer.
///
/// A `final class` because it owns its memory; not `Sendable`: one per writer.
package final class JSONLineBuffer {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// How many bytes are written.
    package private(set) var count = 0

    package init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        storage = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes written so far, valid until the next write or ``removeAll()``.
    package var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage, count: count)
    }

    package func removeAll() {
        count = 0
    }

    /// Where the next `byteCount` bytes may be written; call ``commit(to:)`` with the end afterwards.
    func reserve(_ byteCount: Int) -> UnsafeMutableRawPointer {
        if count + byteCount > capacity {
            let grown = max(capacity * 2, count + byteCount)
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            bigger.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        return storage + count
    }

    /// Marks the bytes up to `end`, a pointer from ``reserve(_:)`` moved past what was written, as written.
    func commit(to end: UnsafeMutableRawPointer) {
        count = storage.distance(to: end)
    }
}

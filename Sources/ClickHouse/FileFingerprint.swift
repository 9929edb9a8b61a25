/// A log file's identity in ClickHouse: FNV-1a 64 of its first KiB of content, the bytes RouteLens already knows a
/// file by. Hand-written (eight lines) because it must give the same number in every process and on every node,
/// which Swift's seeded `Hasher` does not, and no package in the mirror offers a small stable hash.
enum FileFingerprint {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

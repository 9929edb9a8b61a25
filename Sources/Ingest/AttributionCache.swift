#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Routing

/// Remembers what the few distinct logged values of a file resolved to — the target an upstream
/// cluster names on a route, the route a logged route name names — so the hot path compares bytes
/// instead of building strings and walking route tables for every line.
///
/// Bounded: past `capacity` distinct keys the oldest entries are dropped, so a file with many
/// distinct clusters costs lookups, never unbounded memory.
struct AttributionCache<Value> {
    private var entries: [(scope: String, key: [UInt8], value: Value)] = []
    private var next = 0
    private let capacity = 64

    mutating func value(scope: String, key: UnsafeRawBufferPointer, compute: () -> Value) -> Value {
        for entry in entries where entry.key.count == key.count && entry.scope == scope {
            let equal = entry.key.withUnsafeBytes { stored in
                guard let storedBytes = stored.baseAddress, let keyBytes = key.baseAddress else { return key.isEmpty }
                return memcmp(storedBytes, keyBytes, key.count) == 0
            }
            if equal { return entry.value }
        }
        let value = compute()
        let entry = (scope, Array(key), value)
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
            next = (next + 1) % capacity
        }
        return value
    }
}

/// Reads a value every 20 ms until `isDone` holds, `limit` passes or `givingUp` holds, and returns the
/// last reading, so the caller asserts on what was actually observed instead of on a timeout.
///
/// A read that throws (the daemon has not created its database yet) counts as not done; if no read
/// succeeded by the end, the last error is rethrown.
///
/// ```swift
/// let rows = try await poll(within: .seconds(30), until: { $0 == 500 }) { try stored.count() }
/// #expect(rows == 500)
/// ```
func poll<Value>(
    within limit: Duration,
    until isDone: (Value) -> Bool,
    givingUpWhen givingUp: () -> Bool = { false },
    _ read: () async throws -> Value
) async throws -> Value {
    let deadline = ContinuousClock.now + limit
    while true {
        let last: Result<Value, any Error>
        do {
            let value = try await read()
            if isDone(value) { return value }
            last = .success(value)
        } catch {
            last = .failure(error)
        }
        // Checked after a read, never between a sleep and the next read: a test process whose threads
        // were all busy past the deadline still looks once more before giving up.
        if givingUp() || ContinuousClock.now >= deadline { return try last.get() }
        try await Task.sleep(for: .milliseconds(20))
    }
}

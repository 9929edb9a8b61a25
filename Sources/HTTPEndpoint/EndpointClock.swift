import Foundation

/// The wall clock the endpoint reads `since` against, in milliseconds since the epoch; tests pass their own.
package enum EndpointClock {
    package static let now: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

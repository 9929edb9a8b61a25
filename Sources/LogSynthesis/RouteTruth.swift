/// What a correct reader must report for one route of a generated log.
package struct RouteTruth: Codable, Equatable, Sendable {
    /// HTTP requests that took the route, including those that reached no upstream.
    package var requests: Int
    /// Requests answered with a status in 500...599, including `503 UH`.
    package var errors5xx: Int
    /// Requests answered with a status in 400...499, including `404 NR`.
    package var errors4xx: Int
    /// Requests Envoy answered itself, with upstream host and cluster `-`; they count against the route
    /// but against none of its targets.
    package var requestsWithoutUpstream: Int
    /// `%DURATION%` of every request, in generation order.
    package var durationsMilliseconds: [Int]
    /// Requests that reached an upstream, by virtual node.
    package var targetRequests: [String: Int]
}

/// The route weights in force from one instant until the next version takes effect.
///
/// `routelens routes import FILE --effective T` records a version effective at `T`; `ingest --routes` and the
/// follow daemon record one when the table they were given, or a route file they saw change, differs from the
/// version in force.
package struct RouteWeightVersion: Sendable, Equatable {
    /// The `effectiveAt` of the version in force since the beginning: the route table a database was first
    /// ingested with, or the one migration v6 found in `route_target`.
    package static let beginning = Int64.min

    /// When the version took effect: milliseconds since the epoch, UTC, like a request's `start_time`; or
    /// ``beginning``.
    package var effectiveAt: Int64
    /// Every target of every route with its weight, by route and target; empty for a table without routes.
    package var weights: [RouteWeight]

    package init(effectiveAt: Int64, weights: [RouteWeight]) {
        self.effectiveAt = effectiveAt
        self.weights = weights
    }
}

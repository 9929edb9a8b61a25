import Storage

/// A stretch of time over which one route's weights stayed the same: from the version that set them until the
/// next version that changed them (or removed the route).
///
/// Versions that change other routes only do not split a route's segment; ``versions`` lists every version the
/// segment spans, so the requests counted under each add up to the segment's.
struct WeightSegment: Sendable, Equatable {
    var route: String
    /// When the weights took effect (milliseconds since the epoch), or ``RouteWeightVersion/beginning``.
    var from: Int64
    /// When the next version changed them; `nil` while they are in force.
    var to: Int64?
    /// The route's targets and weights, by target.
    var weights: [RouteWeight]
    /// The `effectiveAt` of every version the segment spans, oldest first.
    var versions: [Int64]

    /// Every route's segments in `history` (oldest version first), by route and then time.
    static func segments(of history: [RouteWeightVersion]) -> [WeightSegment] {
        var open: [String: WeightSegment] = [:]
        var closed: [WeightSegment] = []
        for version in history {
            let byRoute = Dictionary(grouping: version.weights, by: \.route)
            for route in Set(open.keys).union(byRoute.keys) {
                let weights = byRoute[route] ?? []
                if open[route]?.weights == weights {
                    open[route]?.versions.append(version.effectiveAt)
                    continue
                }
                if var ended = open.removeValue(forKey: route) {
                    ended.to = version.effectiveAt
                    closed.append(ended)
                }
                if !weights.isEmpty {
                    open[route] = WeightSegment(route: route, from: version.effectiveAt, weights: weights, versions: [version.effectiveAt])
                }
            }
        }
        return (closed + open.values).sorted { ($0.route, $0.from) < ($1.route, $1.from) }
    }

    /// Whether the segment shares an instant with the window [`from`, `to`) (`nil`: unbounded).
    func overlaps(from windowFrom: Int64?, to windowTo: Int64?) -> Bool {
        (windowTo.map { from < $0 } ?? true) && (to.flatMap { end in windowFrom.map { end > $0 } } ?? true)
    }
}

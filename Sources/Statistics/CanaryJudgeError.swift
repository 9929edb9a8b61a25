/// Why the canary judge could not judge a route.
package enum CanaryJudgeError: Error, Sendable, Hashable {
    /// The baseline named (`--baseline`) is not a target of the route: pick one of `targets`.
    case unknownBaseline(String, targets: [String])
    /// The route has no target: nothing to judge (a caller judges routes with two or more weighted targets).
    case noTargets
}

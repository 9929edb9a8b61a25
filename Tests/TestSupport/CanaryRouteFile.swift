/// A RouteLens route file (`routelens.io/v1` `Routes`) with one weighted route, `checkout`, that takes every
/// request and splits it between `checkout-stable` and `checkout-canary`, each recognised by its upstream hosts.
///
/// Rollout tests write it once per step of the weights (10 → 50): the first one a database records, then a
/// changed one imported or edited in place.
package enum CanaryRouteFile {
    /// An upstream host of `checkout-stable` unless the file says otherwise.
    package static let stableHost = "10.1.1.7:8080"
    /// An upstream host of `checkout-canary` unless the file says otherwise.
    package static let canaryHost = "10.1.2.7:8080"

    /// The file's text: the canary's `weight` out of 100, and the networks that mean each target.
    package static func yaml(canaryWeight weight: Int, stableHosts: String = "10.1.1.0/24", canaryHosts: String = "10.1.2.0/24") -> String {
        """
        apiVersion: routelens.io/v1
        kind: Routes
        metadata: {name: checkout}
        spec:
          routes:
          - name: checkout
            targets:
            - {name: checkout-stable, weight: \(100 - weight), hosts: ["\(stableHosts)"]}
            - {name: checkout-canary, weight: \(weight), hosts: ["\(canaryHosts)"]}

        """
    }
}

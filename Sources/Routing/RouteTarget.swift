/// One destination of a route and its share of the route's traffic.
///
/// For a virtual-router route or a weighted inline definition this is an App Mesh
/// [`WeightedTarget`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_WeightedTarget.html):
/// the virtual node name and its relative weight (0…100). For a gateway route that forwards to a
/// [`GatewayRouteTarget`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteTarget.html)
/// it is the virtual service name with weight 1, which is 100% of a single-target route.
package struct RouteTarget: Sendable, Equatable {
    /// The virtual node name, or the virtual service name of a gateway route target.
    package let name: String
    /// The relative weight; a target's share is `weight` divided by the sum of the route's weights.
    package let weight: Int
}

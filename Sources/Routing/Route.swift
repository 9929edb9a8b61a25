/// An App Mesh gateway route or virtual-router route: what requests it matches and where it sends them.
///
/// Built by ``RouteTable/init(appMeshJSON:source:)`` from
/// [`GatewayRouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteData.html) or
/// [`RouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteData.html) shaped JSON.
package struct Route: Sendable, Equatable {
    /// Which App Mesh resource the route was defined as.
    package enum Kind: String, Sendable, Equatable {
        /// A gateway route of a virtual gateway (`gatewayRouteName`).
        case gatewayRoute
        /// A route of a virtual router (`routeName`).
        case route
    }

    /// Where a route was defined, for messages such as duplicate-name errors.
    package struct Origin: Sendable, Equatable, CustomStringConvertible {
        /// The source name passed to the loader, usually a file name.
        package let source: String
        /// The JSON path of the route's name inside that source, e.g. `$[2].gatewayRouteName`.
        package let jsonPath: String

        package var description: String { "\(source) at \(jsonPath)" }
    }

    /// The `gatewayRouteName` or `routeName`.
    package let name: String
    /// The `meshName` the route belongs to.
    package let mesh: String
    package let kind: Kind
    /// The App Mesh priority, 0 (matched first) … 1000, or `nil` when unset; unset routes are matched after set ones.
    package let priority: Int?
    package let match: RequestMatch
    /// The destinations in definition order; never empty.
    package let targets: [RouteTarget]
    package let origin: Origin
}

package import Foundation

extension RouteTable {
    /// Decodes App Mesh route definitions from JSON bytes.
    ///
    /// Accepts one object or an array of objects, each either
    /// - the inline form: `meshName` with `gatewayRouteName` + `gatewayRouteSpec`, or `routeName` + `routeSpec`;
    /// - a [`GatewayRouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteData.html) or
    ///   [`RouteData`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteData.html) object (`spec` instead);
    /// - the output of `aws appmesh describe-gateway-route` (`{"gatewayRoute": {…}}`) or `describe-route` (`{"route": {…}}`).
    ///
    /// ```swift
    /// let table = try RouteTable(appMeshJSON: Data(#"""
    ///     {"meshName": "shop", "gatewayRouteName": "orders-canary",
    ///      "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
    ///        "action": {"weightedTargets": [{"virtualNode": "orders-v1", "weight": 80},
    ///                                       {"virtualNode": "orders-v2", "weight": 20}]}}}}
    ///     """#.utf8), source: "gateway-routes.json")
    /// ```
    ///
    /// A specification holds one `httpRoute`, `http2Route` or `grpcRoute`; its action is either `weightedTargets`
    /// or `target.virtualService.virtualServiceName`. Regular expressions are compiled here, once.
    ///
    /// - Parameters:
    ///   - data: the JSON text, UTF-8.
    ///   - source: the name used in errors and in ``Route/origin``, usually the file name.
    /// - Throws: ``RouteConfigError`` naming `source`, the JSON path (or text position for malformed JSON),
    ///   and what is wrong, e.g. `$[1].gatewayRouteSpec.httpRoute.action.weightedTargets[0].weight: weight must be an integer 0…100`.
    package init(appMeshJSON data: Data, source: String) throws(RouteConfigError) {
        try self.init(AppMeshRouteDecoder(source: source, document: nil).routes(in: data))
    }
}

/// The conditions a request must meet for a route to take it; every condition that is set must hold.
///
/// Covers App Mesh [`HttpGatewayRouteMatch`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpGatewayRouteMatch.html),
/// [`HttpRouteMatch`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpRouteMatch.html) and the gRPC matches,
/// whose `serviceName`/`methodName` become a path condition. The listener `port` condition is not kept, and the
/// `scheme` one only for display: access logs do not record which listener port or scheme a request arrived on.
package struct RequestMatch: Sendable, Equatable {
    /// A condition on the request path without its query string.
    package enum PathMatch: Sendable, Equatable {
        case exact(String)
        /// A prefix of whole path segments, as Gateway API's `PathPrefix`: `/foo` matches `/foo`, `/foo/` and
        /// `/foo/bar` but not `/foobar`; a trailing `/` in the prefix is ignored.
        case segmentPrefix(String)
        /// The whole path must match, as with Envoy's `safe_regex` route match.
        case regex(RegexPattern)
    }

    /// A condition on the request host name, compared lower-cased with any port removed
    /// ([`GatewayRouteHostnameMatch`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteHostnameMatch.html)).
    package enum HostnameMatch: Sendable, Equatable {
        case exact(String)
        case suffix(String)
    }

    /// A plain string prefix of the path without its query string; App Mesh requires it to start with `/`.
    package let prefix: String?
    package let path: PathMatch?
    /// An HTTP method such as `GET`, compared exactly.
    package let method: String?
    package let hostname: HostnameMatch?
    package let headers: [HeaderMatch]
    package let queryParameters: [QueryParameterMatch]
    /// The scheme the route requires (App Mesh `scheme`, Istio `scheme.exact`), shown by `routes check` but not matched:
    /// access logs do not record it, so a request of either scheme is taken to meet it.
    package var scheme: String? = nil

    /// The methods a route may match on, as App Mesh and the Gateway API enumerate them.
    static let httpMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]
}

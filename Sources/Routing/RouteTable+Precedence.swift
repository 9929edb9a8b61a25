extension RouteTable {
    /// Where one alternative of a route sorts among all alternatives of a table; smaller is tried first.
    struct Precedence: Comparable {
        /// App Mesh 0, Envoy Gateway 1, Istio 2, RouteLens 3.
        let platform: Int
        /// The platform's rules, most significant first.
        let ranks: [Int]
        /// The Gateway API `<namespace>/<name>` tie-break; empty elsewhere.
        let resource: String
        let definition: Int
        let alternative: Int

        static func < (left: Precedence, right: Precedence) -> Bool {
            if left.platform != right.platform { return left.platform < right.platform }
            if left.ranks != right.ranks { return left.ranks.lexicographicallyPrecedes(right.ranks) }
            if left.resource != right.resource { return left.resource < right.resource }
            if left.definition != right.definition { return left.definition < right.definition }
            return left.alternative < right.alternative
        }
    }

    /// The precedence of `route.matches[alternative]`, `route` being the `definedAt`-th route of the table.
    ///
    /// - App Mesh: `priority` (0 first; routes without one after all that have one), then how specific the path
    ///   condition is (exact path, regex path, longer prefix, shorter prefix, none), then definition order. App Mesh
    ///   documents the priority rule in [`GatewayRouteSpec`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_GatewayRouteSpec.html)
    ///   and [`RouteSpec`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_RouteSpec.html).
    /// - Gateway API, as [`HTTPRouteRule`](https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule) specifies:
    ///   the most characters in a matching non-wildcard hostname, then in a matching hostname; then an `Exact` path,
    ///   the longest `PathPrefix`, a method, the most header matches, the most query parameter matches; then the
    ///   oldest resource, the first by `<namespace>/<name>`, the first rule. `RegularExpression` paths, whose
    ///   precedence the spec leaves to the implementation, sort between `Exact` and `PathPrefix` as Envoy Gateway
    ///   sorts them. A `GRPCRoute` match ranks as the path it stands for: service and method an exact path,
    ///   a service alone a prefix, a method alone or a `RegularExpression` a regex.
    /// - Istio: definition order, as Envoy evaluates a `VirtualService`'s `http` routes in order.
    /// - RouteLens route files: definition order, the first route whose match holds, as Envoy's own route tables.
    static func precedence(of route: Route, alternative: Int, definedAt definition: Int) -> Precedence {
        let match = route.matches[alternative]
        let path = match.pathSpecificity
        switch route.platform {
        case .appMesh:
            return Precedence(
                platform: 0, ranks: [route.priority ?? Int.max, path.rank, path.negatedPrefixLength],
                resource: "", definition: definition, alternative: alternative
            )
        case .envoyGateway(let rule):
            let hostname: (exact: Int, any: Int) = switch match.hostname {
            case .exact(let host): (host.count, host.count)
            case .suffix(let suffix): (0, suffix.count + 1)
            case nil: (0, 0)
            }
            return Precedence(
                platform: 1,
                ranks: [
                    -hostname.exact, -hostname.any, path.rank, path.negatedPrefixLength, match.method == nil ? 1 : 0,
                    -match.headers.count, -match.queryParameters.count, rule.createdAt ?? Int.max,
                ],
                resource: "\(rule.namespace)/\(rule.name)", definition: definition, alternative: alternative
            )
        case .istio:
            return Precedence(platform: 2, ranks: [], resource: "", definition: definition, alternative: alternative)
        case .routeLens:
            return Precedence(platform: 3, ranks: [], resource: "", definition: definition, alternative: alternative)
        }
    }
}

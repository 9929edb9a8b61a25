import Foundation
import Testing
@testable import Routing

/// All-zero weights are loaded as each platform takes them: kept where the platform accepts them, an error where it
/// rejects them.
@Suite("Routes whose weights sum to 0")
struct ZeroWeightRouteTests {
    @Test("a Gateway API rule whose backendRefs all weigh 0 is kept: the spec allows it, and the gateway answers 500")
    func gatewayAPIKeepsIt() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: drained}
            spec:
              rules:
              - backendRefs: [{name: a, weight: 0}, {name: b, weight: 0}]
            """)
        #expect(table.routes.map { $0.targets.map(\.weight) } == [[0, 0]])
        #expect(table.routes[0].hasZeroWeightSplit)
    }

    @Test("an Istio route whose destinations all weigh 0 is an error at its route, as Istio's validation says")
    func istioRejectsIt() throws {
        #expect(throws: RouteConfigError(
            source: "routes.yaml", location: .document(1, path: "spec.http[0].route"),
            problem: "total destination weight = 0: Istio rejects a route whose 2 destinations all weigh 0 (an unset weight is 0); "
                + "give the destinations that should take traffic a weight"
        )) {
            try documentTable("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v1}
                      weight: 0
                    - destination: {host: reviews, subset: v2}
                """)
        }
    }

    @Test("an App Mesh route whose weighted targets all weigh 0 is kept: the API asks only for 0…100 each, at most 100 in all")
    func appMeshKeepsIt() throws {
        let table = try routeTable("""
            {"meshName": "shop", "routeName": "drained", "routeSpec": {"httpRoute": {"match": {"prefix": "/"},
             "action": {"weightedTargets": [{"virtualNode": "a", "weight": 0}, {"virtualNode": "b", "weight": 0}]}}}}
            """)
        #expect(table.routes[0].hasZeroWeightSplit)
    }

    @Test("a RouteLens route whose targets all weigh 0 is an error: Envoy rejects such weighted_clusters")
    func routeLensRejectsIt() throws {
        #expect(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: routelens.io/v1
                kind: Routes
                metadata: {name: shop}
                spec:
                  routes:
                  - name: drained
                    targets: [{name: a, weight: 0}, {name: b, weight: 0}]
                """)
        }
    }
}

import Routing
import Testing

@Suite("Attributing upstream clusters to route targets")
struct UpstreamClusterTests {
    /// Mesh and node names with `-` and `_`, and node names that are prefixes of each other.
    private static let canary = #"""
        {"meshName": "shop_prod-eu", "routeName": "orders",
         "routeSpec": {"httpRoute": {"match": {"prefix": "/orders"},
           "action": {"weightedTargets": [{"virtualNode": "orders", "weight": 80},
                                          {"virtualNode": "orders_v2-canary", "weight": 20}]}}}}
        """#

    @Test(
        "an App Mesh egress cluster names the target whose node it contains",
        arguments: [
            ("cds_egress_shop_prod-eu_orders_http_8080", "orders"),
            ("cds_egress_shop_prod-eu_orders_v2-canary_http2_8080", "orders_v2-canary"),
            ("cds_egress_shop_prod-eu_orders_v2-canary_grpc_9090", "orders_v2-canary"),
            ("cds_egress_shop_prod-eu_orders_tcp_5432", "orders"),
        ]
    )
    func appMeshEgress(cluster: String, target: String) throws {
        let route = try #require(routeTable(Self.canary).route(named: "orders"))

        #expect(route.target(forUpstreamCluster: cluster)?.name == target)
    }

    @Test("an App Mesh egress cluster of another mesh or an unknown node names no target")
    func appMeshEgressElsewhere() throws {
        let route = try #require(routeTable(Self.canary).route(named: "orders"))

        #expect(route.target(forUpstreamCluster: "cds_egress_shop_orders_http_8080") == nil)
        #expect(route.target(forUpstreamCluster: "cds_egress_shop_prod-eu_orders_v3_http_8080") == nil)
        #expect(route.target(forUpstreamCluster: "cds_egress_shop_prod-eu_orders_http_") == nil)
    }

    @Test("an Istio outbound cluster names the target of its subset")
    func istioSubset() throws {
        let route = try #require(routeTable(#"""
            {"meshName": "bookinfo", "routeName": "reviews",
             "routeSpec": {"httpRoute": {"match": {"prefix": "/reviews"},
               "action": {"weightedTargets": [{"virtualNode": "v1", "weight": 90}, {"virtualNode": "v2", "weight": 10}]}}}}
            """#).route(named: "reviews"))

        #expect(route.target(forUpstreamCluster: "outbound|9080|v2|reviews.default.svc.cluster.local")?.name == "v2")
    }

    @Test("an Istio outbound cluster without a subset names the target of its host's first label")
    func istioHostLabel() throws {
        let route = try #require(routeTable(#"""
            {"meshName": "bookinfo", "routeName": "details",
             "routeSpec": {"httpRoute": {"match": {"prefix": "/details"},
               "action": {"weightedTargets": [{"virtualNode": "details", "weight": 100}]}}}}
            """#).route(named: "details"))

        #expect(route.target(forUpstreamCluster: "outbound|9080||details.default.svc.cluster.local")?.name == "details")
    }

    @Test("an Istio inbound cluster is the server side and names no target")
    func istioInbound() throws {
        let route = try #require(routeTable(#"""
            {"meshName": "bookinfo", "routeName": "details",
             "routeSpec": {"httpRoute": {"match": {"prefix": "/details"},
               "action": {"weightedTargets": [{"virtualNode": "details", "weight": 100}]}}}}
            """#).route(named: "details"))

        #expect(route.target(forUpstreamCluster: "inbound|9080||details.default.svc.cluster.local") == nil)
    }

    @Test("a cluster named exactly like a target names it")
    func exactName() throws {
        let route = try #require(routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "catalog",
             "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/"},
               "action": {"target": {"virtualService": {"virtualServiceName": "catalog.shop.svc.cluster.local"}}}}}}
            """#).route(named: "catalog"))

        #expect(route.target(forUpstreamCluster: "catalog.shop.svc.cluster.local")?.weight == 1)
        #expect(route.target(forUpstreamCluster: "payments.shop.svc.cluster.local") == nil)
    }
}

import Routing
import Testing

@Suite("App Mesh controller resources: GatewayRoute → VirtualService → VirtualRouter → VirtualNode")
struct AppMeshKubernetesTests {
    @Test("the router's route splits 80/20 between the nodes, named <name>_<namespace> as the controller names them")
    func routerRoute() throws {
        let route = try #require(try fixtureTable("appmesh-k8s-color.yaml").route(named: "color-route"))

        #expect(route.kind == .route)
        #expect(route.match.prefix == "/")
        #expect(route.targets.map(\.name) == ["blue_howto-k8s", "green_howto-k8s"])
        #expect(route.targets.map(\.weight) == [80, 20])
    }

    @Test("the gateway route is resolved through its virtual service and router to the weighted nodes")
    func gatewayRouteChain() throws {
        let table = try fixtureTable("appmesh-k8s-color.yaml")

        let route = try #require(table.route(named: "color-gateway-route_howto-k8s"))
        #expect(route.kind == .gatewayRoute)
        #expect(route.match.prefix == "/color")
        #expect(route.targets.map(\.name) == ["blue_howto-k8s", "green_howto-k8s"])
        #expect(route.targets.map(\.weight) == [80, 20])
        #expect(table.route(matching: request("/color/1"))?.name == "color-gateway-route_howto-k8s")
    }

    @Test("without a meshRef, an egress cluster of any mesh names the node it ends with")
    func clusterWithoutMesh() throws {
        let route = try #require(try fixtureTable("appmesh-k8s-color.yaml").route(named: "color-gateway-route_howto-k8s"))

        #expect(route.mesh == nil)
        #expect(route.target(forUpstreamCluster: "cds_egress_howto-k8s_green_howto-k8s_http_8080")?.name == "green_howto-k8s")
        #expect(route.target(forUpstreamCluster: "cds_egress_howto-k8s_red_howto-k8s_http_8080") == nil)
    }

    /// A node with its own `awsName`, a mesh reference, and a service provided by the node directly.
    private static let direct = """
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: VirtualNode
        metadata: {name: orders-v1, namespace: shop}
        spec: {awsName: orders-v1-node, meshRef: {name: shop-mesh}}
        ---
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: VirtualService
        metadata: {name: orders, namespace: shop}
        spec: {provider: {virtualNode: {virtualNodeRef: {name: orders-v1}}}}
        ---
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: GatewayRoute
        metadata: {name: orders, namespace: shop}
        spec:
          meshRef: {name: shop-mesh}
          priority: 5
          httpRoute:
            match: {prefix: /orders}
            action: {target: {virtualService: {virtualServiceRef: {name: orders}}}}
        """

    @Test("a service provided by a node resolves to that node, under its awsName, in its mesh")
    func nodeProvider() throws {
        let route = try #require(try documentTable(Self.direct).route(named: "orders_shop"))

        #expect(route.priority == 5)
        #expect(route.targets.map(\.name) == ["orders-v1-node"])
        #expect(route.target(forUpstreamCluster: "cds_egress_shop-mesh_orders-v1-node_http_8080")?.name == "orders-v1-node")
        #expect(route.target(forUpstreamCluster: "cds_egress_other-mesh_orders-v1-node_http_8080") == nil)
    }

    @Test("a service whose router has several routes stays the gateway route's one target, as in App Mesh's API")
    func routerWithSeveralRoutes() throws {
        let table = try documentTable("""
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualRouter
            metadata: {name: color-router, namespace: howto-k8s}
            spec:
              routes:
              - name: color-blue
                priority: 1
                httpRoute:
                  match: {prefix: /, headers: [{name: color_header, match: {exact: blue}}]}
                  action: {weightedTargets: [{virtualNodeRef: {name: blue}, weight: 1}]}
              - name: color-default
                priority: 2
                httpRoute:
                  match: {prefix: /}
                  action: {weightedTargets: [{virtualNodeRef: {name: green}, weight: 1}]}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {name: color, namespace: howto-k8s}
            spec: {provider: {virtualRouter: {virtualRouterRef: {name: color-router}}}}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: GatewayRoute
            metadata: {name: color, namespace: howto-k8s}
            spec:
              httpRoute:
                match: {prefix: /color}
                action: {target: {virtualService: {virtualServiceRef: {name: color}}}}
            """)

        #expect(table.route(named: "color_howto-k8s")?.targets.map(\.name) == ["color.howto-k8s"])
        #expect(table.route(matching: request("/", headers: ["color_header": "blue"]))?.name == "color-blue")
        #expect(table.route(matching: request("/"))?.name == "color-default")
    }

    @Test("a service without a provider yet is the gateway route's one target, under its awsName")
    func serviceWithoutProvider() throws {
        let table = try documentTable("""
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {name: color, namespace: howto-k8s}
            spec: {awsName: color.howto-k8s.svc.cluster.local}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: GatewayRoute
            metadata: {name: color, namespace: howto-k8s}
            spec:
              httpRoute:
                match: {prefix: /color}
                action: {target: {virtualService: {virtualServiceRef: {name: color}}}}
            """)

        #expect(table.route(named: "color_howto-k8s")?.targets.map(\.name) == ["color.howto-k8s.svc.cluster.local"])
    }

    @Test("a weighted target without a virtualNodeRef is reported with its document and path")
    func missingNodeReference() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: appmesh.k8s.aws/v1beta2
                kind: VirtualService
                metadata: {name: color}
                spec: {provider: {virtualRouter: {virtualRouterRef: {name: color-router}}}}
                ---
                apiVersion: appmesh.k8s.aws/v1beta2
                kind: VirtualRouter
                metadata: {name: color-router}
                spec:
                  routes:
                  - name: color-route
                    httpRoute:
                      match: {prefix: /}
                      action: {weightedTargets: [{virtualNode: blue, weight: 100}]}
                """)
        }

        #expect(error.description
            == "routes.yaml: document 2: spec.routes[0].httpRoute.action.weightedTargets[0].virtualNodeRef: missing virtualNodeRef: expected {name: …}")
    }

    @Test("a VirtualService with both providers is reported at the provider")
    func twoProviders() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: appmesh.k8s.aws/v1beta2
                kind: VirtualService
                metadata: {name: color}
                spec: {provider: {virtualNode: {virtualNodeRef: {name: a}}, virtualRouter: {virtualRouterRef: {name: b}}}}
                """)
        }

        #expect(error.location == .document(1, path: "spec.provider"))
    }
}

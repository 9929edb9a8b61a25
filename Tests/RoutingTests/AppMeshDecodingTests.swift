import Routing
import Testing

@Suite("Decoding App Mesh route definitions")
struct AppMeshDecodingTests {
    @Test("an inline gateway route keeps its mesh, prefix and weighted 80/20 targets")
    func inlineWeightedGatewayRoute() throws {
        let table = try routeTable(#"""
            {"meshName": "your-mesh", "gatewayRouteName": "your-gateway-route",
             "gatewayRouteSpec": {"httpRoute": {
               "match": {"prefix": "/api/v1"},
               "action": {"weightedTargets": [{"virtualNode": "serviceA", "weight": 80},
                                              {"virtualNode": "serviceB", "weight": 20}]}}}}
            """#)

        let route = try #require(table.route(named: "your-gateway-route"))
        #expect(route.mesh == "your-mesh")
        #expect(route.kind == .gatewayRoute)
        #expect(route.priority == nil)
        #expect(route.match.prefix == "/api/v1")
        #expect(route.targets.map(\.name) == ["serviceA", "serviceB"])
        #expect(route.targets.map(\.weight) == [80, 20])
    }

    @Test("a virtual service target is a single target with weight 1")
    func virtualServiceTarget() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "catalog",
             "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/"},
               "action": {"target": {"virtualService": {"virtualServiceName": "catalog.shop.svc.cluster.local"}}}}}}
            """#)

        let route = try #require(table.route(named: "catalog"))
        #expect(route.targets.count == 1)
        #expect(route.targets.first?.name == "catalog.shop.svc.cluster.local")
        #expect(route.targets.first?.weight == 1)
    }

    @Test("an inline array keeps the routes in definition order")
    func inlineArray() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "b", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/b"},
                "action": {"target": {"virtualService": {"virtualServiceName": "b.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "a", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/a"},
                "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}}]
            """#)

        #expect(table.routes.map(\.name) == ["b", "a"])
        #expect(table.routes.map(\.origin.jsonPath) == ["$[0].gatewayRouteName", "$[1].gatewayRouteName"])
    }

    @Test("an inline virtual-router route uses routeName and routeSpec")
    func inlineRouterRoute() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "routeName": "orders-route",
             "routeSpec": {"httpRoute": {"match": {"prefix": "/orders"},
               "action": {"weightedTargets": [{"virtualNode": "orders-v1", "weight": 100}]}}}}
            """#)

        let route = try #require(table.route(named: "orders-route"))
        #expect(route.kind == .route)
        #expect(route.targets.map(\.name) == ["orders-v1"])
    }

    @Test("describe-gateway-route output is read from gatewayRoute.spec, with its priority")
    func describeGatewayRouteOutput() throws {
        let table = try routeTable(#"""
            {"gatewayRoute": {
               "gatewayRouteName": "orders-gw", "meshName": "shop", "virtualGatewayName": "ingress",
               "metadata": {"arn": "arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualGateway/ingress/gatewayRoute/orders-gw",
                            "version": 3},
               "spec": {"priority": 10, "httpRoute": {"match": {"prefix": "/orders"},
                 "action": {"target": {"virtualService": {"virtualServiceName": "orders.shop.local"}}}}},
               "status": {"status": "ACTIVE"}}}
            """#)

        let route = try #require(table.route(named: "orders-gw"))
        #expect(route.kind == .gatewayRoute)
        #expect(route.mesh == "shop")
        #expect(route.priority == 10)
        #expect(route.origin.jsonPath == "$.gatewayRoute.gatewayRouteName")
    }

    @Test("describe-route output is read from route.spec, named by routeName")
    func describeRouteOutput() throws {
        let table = try routeTable(#"""
            {"route": {
               "routeName": "payments", "virtualRouterName": "payments-router", "meshName": "shop",
               "spec": {"priority": 5, "httpRoute": {"match": {"prefix": "/payments"},
                 "action": {"weightedTargets": [{"virtualNode": "payments-blue", "weight": 50},
                                                {"virtualNode": "payments-green", "weight": 50}]}}},
               "status": {"status": "ACTIVE"}}}
            """#)

        let route = try #require(table.route(named: "payments"))
        #expect(route.kind == .route)
        #expect(route.priority == 5)
        #expect(route.targets.map(\.weight) == [50, 50])
    }

    @Test("a list of describe outputs mixes gateway routes and routes")
    func listOfDescribeOutputs() throws {
        let table = try routeTable(#"""
            [{"gatewayRoute": {"gatewayRouteName": "edge", "meshName": "shop", "virtualGatewayName": "ingress",
                "spec": {"httpRoute": {"match": {"prefix": "/"},
                  "action": {"target": {"virtualService": {"virtualServiceName": "web.shop.local"}}}}}}},
             {"route": {"routeName": "web", "virtualRouterName": "web-router", "meshName": "shop",
                "spec": {"httpRoute": {"match": {"prefix": "/"},
                  "action": {"weightedTargets": [{"virtualNode": "web-v1", "weight": 1}]}}}}}]
            """#)

        #expect(table.routes.map(\.name) == ["edge", "web"])
        #expect(table.routes.map(\.kind) == [.gatewayRoute, .route])
    }

    @Test("an http2Route is read like an httpRoute")
    func http2Route() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "routeName": "h2",
             "routeSpec": {"http2Route": {"match": {"prefix": "/h2", "method": "POST"},
               "action": {"weightedTargets": [{"virtualNode": "h2-node", "weight": 100}]}}}}
            """#)

        let match = try #require(table.route(named: "h2")).match
        #expect(match.prefix == "/h2")
        #expect(match.method == "POST")
    }

    @Test("a gRPC service and method match the exact path /<serviceName>/<methodName>")
    func grpcServiceAndMethod() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "routeName": "get-order",
             "routeSpec": {"grpcRoute": {"match": {"serviceName": "shop.Orders", "methodName": "Get"},
               "action": {"weightedTargets": [{"virtualNode": "orders-grpc", "weight": 100}]}}}}
            """#)

        #expect(table.route(matching: request("/shop.Orders/Get", method: "POST"))?.name == "get-order")
        #expect(table.route(matching: request("/shop.Orders/GetAll", method: "POST")) == nil)
    }

    @Test("a gRPC service alone matches every method of the service")
    func grpcServiceOnly() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "routeName": "orders-service",
             "routeSpec": {"grpcRoute": {"match": {"serviceName": "shop.Orders"},
               "action": {"weightedTargets": [{"virtualNode": "orders-grpc", "weight": 100}]}}}}
            """#)

        #expect(table.route(matching: request("/shop.Orders/List", method: "POST"))?.name == "orders-service")
        #expect(table.route(matching: request("/shop.OrdersAdmin/List", method: "POST")) == nil)
    }

    @Test("gRPC metadata is matched like request headers")
    func grpcMetadata() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "routeName": "canary-grpc",
             "routeSpec": {"grpcRoute": {"match": {"serviceName": "shop.Orders",
                 "metadata": [{"name": "x-canary", "match": {"exact": "yes"}}]},
               "action": {"weightedTargets": [{"virtualNode": "orders-canary", "weight": 100}]}}}}
            """#)

        #expect(table.route(matching: request("/shop.Orders/Get", method: "POST", headers: ["x-canary": "yes"])) != nil)
        #expect(table.route(matching: request("/shop.Orders/Get", method: "POST", headers: ["x-canary": "no"])) == nil)
    }

    @Test("tables from several sources merge in order and are looked up by name")
    func mergingSources() throws {
        let gateway = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "edge", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/"},
               "action": {"target": {"virtualService": {"virtualServiceName": "web.shop.local"}}}}}}
            """#, source: "gateway.json")
        let router = try routeTable(#"""
            {"meshName": "shop", "routeName": "web", "routeSpec": {"httpRoute": {"match": {"prefix": "/"},
               "action": {"weightedTargets": [{"virtualNode": "web-v1", "weight": 100}]}}}}
            """#, source: "router.json")

        let merged = try RouteTable(merging: [gateway, router])

        #expect(merged.routes.map(\.name) == ["edge", "web"])
        #expect(merged.route(named: "web")?.origin.source == "router.json")
    }
}

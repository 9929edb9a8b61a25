import Routing
import Testing

@Suite("Reporting unusable route definitions")
struct RouteConfigErrorTests {
    @Test("a weight that is not a number is reported at its JSON path")
    func weightNotANumber() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                [{"meshName": "shop", "gatewayRouteName": "ok", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/"},
                    "action": {"target": {"virtualService": {"virtualServiceName": "web.svc"}}}}}},
                 {"meshName": "shop", "gatewayRouteName": "bad", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
                    "action": {"weightedTargets": [{"virtualNode": "orders-v1", "weight": "80"}]}}}}]
                """#, source: "gateway-routes.json")
        }

        #expect(error.location == .jsonPath("$[1].gatewayRouteSpec.httpRoute.action.weightedTargets[0].weight"))
        #expect(error.description == #"gateway-routes.json: $[1].gatewayRouteSpec.httpRoute.action.weightedTargets[0].weight: weight must be an integer 0…100, found "80""#)
    }

    @Test("a weight above 100 is reported as out of range")
    func weightOutOfRange() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"meshName": "shop", "routeName": "r", "routeSpec": {"httpRoute": {"match": {"prefix": "/"},
                   "action": {"weightedTargets": [{"virtualNode": "a", "weight": 120}]}}}}
                """#)
        }

        #expect(error.description.contains("$.routeSpec.httpRoute.action.weightedTargets[0].weight: weight must be an integer 0…100, found 120"))
    }

    @Test("weights adding up to more than 100 are reported on the target list")
    func weightTotal() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"meshName": "shop", "routeName": "r", "routeSpec": {"httpRoute": {"match": {"prefix": "/"},
                   "action": {"weightedTargets": [{"virtualNode": "a", "weight": 80}, {"virtualNode": "b", "weight": 30}]}}}}
                """#)
        }

        #expect(error.location == .jsonPath("$.routeSpec.httpRoute.action.weightedTargets"))
        #expect(error.problem.contains("add up to 110"))
    }

    @Test("a route without a match is reported at the missing match")
    func missingMatch() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"gatewayRoute": {"gatewayRouteName": "orders", "meshName": "shop", "virtualGatewayName": "ingress",
                   "spec": {"httpRoute": {"action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}}}
                """#)
        }

        #expect(error.location == .jsonPath("$.gatewayRoute.spec.httpRoute.match"))
        #expect(error.problem.hasPrefix("route has no match"))
    }

    @Test("an invalid path regex is reported at the regex")
    func badPathRegex() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                [{"meshName": "shop", "gatewayRouteName": "users", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"regex": "/users/(\\d+"}},
                    "action": {"target": {"virtualService": {"virtualServiceName": "users.svc"}}}}}}]
                """#)
        }

        #expect(error.location == .jsonPath("$[0].gatewayRouteSpec.httpRoute.match.path.regex"))
        #expect(error.problem.hasPrefix(#"invalid regular expression "/users/(\d+""#))
    }

    @Test("an invalid header regex is reported at the header's match")
    func badHeaderRegex() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"meshName": "shop", "routeName": "r", "routeSpec": {"httpRoute": {"match": {"prefix": "/",
                   "headers": [{"name": "x-a", "match": {"exact": "1"}}, {"name": "x-b", "match": {"regex": "[a-"}}]},
                   "action": {"weightedTargets": [{"virtualNode": "a", "weight": 100}]}}}}
                """#)
        }

        #expect(error.location == .jsonPath("$.routeSpec.httpRoute.match.headers[1].match.regex"))
    }

    @Test("a route name defined in two sources is reported with both")
    func duplicateAcrossSources() throws {
        let first = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "orders", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
                "action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}}]
            """#, source: "gateway-a.json")
        let second = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "payments", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/payments"},
                "action": {"target": {"virtualService": {"virtualServiceName": "payments.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "orders", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders/v2"},
                "action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}}]
            """#, source: "gateway-b.json")

        let error = try #require(throws: RouteConfigError.self) { try RouteTable(merging: [first, second]) }

        #expect(error.description == #"gateway-b.json: $[1].gatewayRouteName: duplicate route name "orders": already defined in gateway-a.json at $[0].gatewayRouteName; route names must be unique across all route sources, so rename or remove one of them"#)
    }

    @Test("a route name defined twice in one source is reported at the second definition")
    func duplicateWithinSource() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                [{"meshName": "shop", "routeName": "web", "routeSpec": {"httpRoute": {"match": {"prefix": "/"},
                    "action": {"weightedTargets": [{"virtualNode": "web-v1", "weight": 100}]}}}},
                 {"route": {"meshName": "shop", "routeName": "web", "virtualRouterName": "other",
                    "spec": {"httpRoute": {"match": {"prefix": "/"},
                      "action": {"weightedTargets": [{"virtualNode": "web-v2", "weight": 100}]}}}}}]
                """#)
        }

        #expect(error.location == .jsonPath("$[1].route.routeName"))
        #expect(error.problem.contains("already defined in routes.json at $[0].routeName"))
    }

    @Test("an object that is no kind of route says which names are expected")
    func unknownRouteKind() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"[{"virtualNodeName": "orders-v1", "meshName": "shop"}]"#)
        }

        #expect(error.location == .jsonPath("$[0]"))
        #expect(error.problem.hasPrefix("unknown route kind: expected gatewayRouteName or routeName"))
    }

    @Test("a priority outside 0…1000 is reported at the priority")
    func priorityOutOfRange() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"meshName": "shop", "routeName": "r", "routeSpec": {"priority": 1001, "httpRoute": {"match": {"prefix": "/"},
                   "action": {"weightedTargets": [{"virtualNode": "a", "weight": 100}]}}}}
                """#)
        }

        #expect(error.description.hasSuffix("$.routeSpec.priority: priority must be an integer 0…1000, found 1001"))
    }

    @Test("a TCP route is refused with a reason")
    func tcpRoute() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable(#"""
                {"meshName": "shop", "routeName": "db", "routeSpec": {"tcpRoute": {
                   "action": {"weightedTargets": [{"virtualNode": "db", "weight": 100}]}}}}
                """#)
        }

        #expect(error.location == .jsonPath("$.routeSpec.tcpRoute"))
    }

    @Test("malformed JSON is reported with its line and byte offset")
    func syntaxError() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try routeTable("[\n  {\"meshName\": \"shop\",,\n}]", source: "broken.json")
        }

        #expect(error.location == .text(line: 2, column: 23, byteOffset: 24))
        #expect(error.description.hasPrefix("broken.json: line 2, column 23 (byte offset 24): not valid JSON"))
    }

    @Test("an empty source is reported as empty")
    func emptySource() throws {
        let error = try #require(throws: RouteConfigError.self) { try routeTable("", source: "empty.json") }

        #expect(error.description == "empty.json: the source is empty; expected App Mesh route JSON")
    }
}

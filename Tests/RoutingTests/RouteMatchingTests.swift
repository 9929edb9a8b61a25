import Routing
import Testing

@Suite("Matching logged requests to routes")
struct RouteMatchingTests {
    @Test("a lower priority number is tried first, even with a shorter prefix")
    func priorityOrdering() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "specific", "gatewayRouteSpec": {"priority": 20,
                "httpRoute": {"match": {"prefix": "/orders/export"},
                  "action": {"target": {"virtualService": {"virtualServiceName": "export.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "catch-all", "gatewayRouteSpec": {"priority": 10,
                "httpRoute": {"match": {"prefix": "/"},
                  "action": {"target": {"virtualService": {"virtualServiceName": "web.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/orders/export"))?.name == "catch-all")
    }

    @Test("routes without a priority are tried after routes with one")
    func unprioritisedLast() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "no-priority", "gatewayRouteSpec": {
                "httpRoute": {"match": {"prefix": "/orders"},
                  "action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "lowest-priority", "gatewayRouteSpec": {"priority": 1000,
                "httpRoute": {"match": {"prefix": "/"},
                  "action": {"target": {"virtualService": {"virtualServiceName": "web.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/orders/1"))?.name == "lowest-priority")
    }

    @Test("among equal priorities the longest matching prefix wins")
    func longestPrefix() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "root", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/"},
                "action": {"target": {"virtualService": {"virtualServiceName": "web.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "api", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/api"},
                "action": {"target": {"virtualService": {"virtualServiceName": "api.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "api-v2", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/api/v2"},
                "action": {"target": {"virtualService": {"virtualServiceName": "api-v2.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/api/v2/orders"))?.name == "api-v2")
        #expect(table.route(matching: request("/api/v1/orders"))?.name == "api")
        #expect(table.route(matching: request("/home"))?.name == "root")
    }

    @Test("equally specific routes are tried in definition order")
    func definitionOrderBreaksTies() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "first", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
                "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "second", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
                "action": {"target": {"virtualService": {"virtualServiceName": "b.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/orders"))?.name == "first")
    }

    @Test("an exact path is tried before a prefix, whatever its length")
    func exactPathBeforePrefix() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "long-prefix", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders/summary"},
                "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "exact", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"exact": "/orders/summary"}},
                "action": {"target": {"virtualService": {"virtualServiceName": "b.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/orders/summary"))?.name == "exact")
        #expect(table.route(matching: request("/orders/summary/2024"))?.name == "long-prefix")
    }

    @Test("an exact path is tried before a regex path")
    func exactPathBeforeRegex() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "regex", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"regex": "/users/[a-z]+"}},
                "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "exact", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"exact": "/users/me"}},
                "action": {"target": {"virtualService": {"virtualServiceName": "b.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/users/me"))?.name == "exact")
        #expect(table.route(matching: request("/users/alice"))?.name == "regex")
    }

    @Test("a regex path must match the whole path, not part of it")
    func regexPathWholeMatch() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "user", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"regex": "/users/\\d+"}},
               "action": {"target": {"virtualService": {"virtualServiceName": "users.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/users/42"))?.name == "user")
        #expect(table.route(matching: request("/users/42/orders")) == nil)
    }

    @Test("prefix and exact path are compared without the query string")
    func queryStringIgnoredForPath() throws {
        let table = try routeTable(#"""
            [{"meshName": "shop", "gatewayRouteName": "exact", "gatewayRouteSpec": {"httpRoute": {"match": {"path": {"exact": "/a/b"}},
                "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
             {"meshName": "shop", "gatewayRouteName": "payments", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/payments"},
                "action": {"target": {"virtualService": {"virtualServiceName": "p.svc"}}}}}}]
            """#)

        #expect(table.route(matching: request("/a/b?x=1"))?.name == "exact")
        #expect(table.route(matching: request("/a?next=/payments")) == nil)
    }

    @Test("a method condition rejects other methods")
    func method() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "create-order", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders", "method": "POST"},
               "action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/orders", method: "POST"))?.name == "create-order")
        #expect(table.route(matching: request("/orders", method: "GET")) == nil)
    }

    /// One route per header match method, all on header `x-variant`.
    private static let headerMethods = #"""
        [{"meshName": "shop", "gatewayRouteName": "exact", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/exact",
            "headers": [{"name": "x-variant", "match": {"exact": "blue"}}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
         {"meshName": "shop", "gatewayRouteName": "prefix", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/prefix",
            "headers": [{"name": "x-variant", "match": {"prefix": "blue-"}}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
         {"meshName": "shop", "gatewayRouteName": "suffix", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/suffix",
            "headers": [{"name": "x-variant", "match": {"suffix": "-beta"}}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
         {"meshName": "shop", "gatewayRouteName": "regex", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/regex",
            "headers": [{"name": "x-variant", "match": {"regex": "v[0-9]+"}}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
         {"meshName": "shop", "gatewayRouteName": "range", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/range",
            "headers": [{"name": "x-variant", "match": {"range": {"start": 1, "end": 100}}}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}},
         {"meshName": "shop", "gatewayRouteName": "not-blue", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/invert",
            "headers": [{"name": "x-variant", "match": {"exact": "blue"}, "invert": true}]},
            "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}}]
        """#

    @Test(
        "each header match method accepts and rejects the values App Mesh defines",
        arguments: [
            ("/exact", "blue", true), ("/exact", "blue-2", false),
            ("/prefix", "blue-2", true), ("/prefix", "green-2", false),
            ("/suffix", "v2-beta", true), ("/suffix", "v2-beta-1", false),
            ("/regex", "v12", true), ("/regex", "xv12", false),
            ("/range", "1", true), ("/range", "99", true), ("/range", "100", false), ("/range", "ten", false),
            ("/invert", "green", true), ("/invert", "blue", false),
        ]
    )
    func headerMatchMethods(path: String, value: String, matches: Bool) throws {
        let table = try routeTable(Self.headerMethods)

        let route = table.route(matching: request(path, headers: ["x-variant": value]))

        #expect((route != nil) == matches)
    }

    @Test("a header the log did not record fails the match unless it is inverted")
    func absentHeader() throws {
        let table = try routeTable(Self.headerMethods)

        #expect(table.route(matching: request("/exact")) == nil)
        #expect(table.route(matching: request("/invert"))?.name == "not-blue")
    }

    @Test("header names match regardless of case")
    func headerNameCase() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "canary", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/",
               "headers": [{"name": "X-Canary", "match": {"exact": "1"}}]},
               "action": {"target": {"virtualService": {"virtualServiceName": "a.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/", headers: ["x-CANARY": "1"]))?.name == "canary")
    }

    @Test("an exact hostname matches the authority without its port, in any case")
    func exactHostname() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "api-host", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/",
               "hostname": {"exact": "api.example.com"}},
               "action": {"target": {"virtualService": {"virtualServiceName": "api.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/", authority: "API.example.com:8443"))?.name == "api-host")
        #expect(table.route(matching: request("/", authority: "www.example.com")) == nil)
    }

    @Test("a hostname suffix matches any host ending with it")
    func hostnameSuffix() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "tenants", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/",
               "hostname": {"suffix": ".tenants.example.com"}},
               "action": {"target": {"virtualService": {"virtualServiceName": "tenants.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/", authority: "acme.tenants.example.com:443"))?.name == "tenants")
        #expect(table.route(matching: request("/", authority: "tenants.example.org")) == nil)
    }

    @Test("an exact query parameter must have that value")
    func queryParameterExact() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "beta", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/search",
               "queryParameters": [{"name": "channel", "match": {"exact": "beta"}}]},
               "action": {"target": {"virtualService": {"virtualServiceName": "search-beta.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/search?q=shoes&channel=beta"))?.name == "beta")
        #expect(table.route(matching: request("/search?channel=stable")) == nil)
    }

    @Test("a query parameter without a match only has to be present")
    func queryParameterPresence() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "debug", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/",
               "queryParameters": [{"name": "debug"}]},
               "action": {"target": {"virtualService": {"virtualServiceName": "debug.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/orders?debug"))?.name == "debug")
        #expect(table.route(matching: request("/orders?nodebug=1")) == nil)
    }

    @Test("a request no route matches gets no route")
    func unmatched() throws {
        let table = try routeTable(#"""
            {"meshName": "shop", "gatewayRouteName": "orders", "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
               "action": {"target": {"virtualService": {"virtualServiceName": "orders.svc"}}}}}}
            """#)

        #expect(table.route(matching: request("/payments")) == nil)
    }
}

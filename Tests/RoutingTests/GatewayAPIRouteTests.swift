import Routing
import Testing

@Suite("Gateway API HTTPRoute and GRPCRoute resources")
struct GatewayAPIRouteTests {
    @Test("the traffic-splitting guide's route is one rule with foo-v1 90 and foo-v2 10")
    func trafficSplittingFixture() throws {
        let table = try fixtureTable("gateway-api-httproute.yaml")

        let route = try #require(table.routes.first)
        #expect(table.routes.count == 1)
        #expect(route.name == "httproute/default/foo-route/rule/0")
        #expect(route.kind == .httpRoute)
        #expect(route.targets.map(\.name) == ["foo-v1", "foo-v2"])
        #expect(route.targets.map(\.weight) == [90, 10])
        #expect(route.targets.first?.service?.host == "foo-v1.default.svc.cluster.local")
        #expect(route.targets.first?.service?.port == 8080)
    }

    @Test("the guide's route matches every path of foo.example.com and nothing of other hosts")
    func hostnameMatch() throws {
        let table = try fixtureTable("gateway-api-httproute.yaml")

        #expect(table.route(matching: request("/anything", authority: "foo.example.com:80"))?.name == "httproute/default/foo-route/rule/0")
        #expect(table.route(matching: request("/anything", authority: "bar.example.com")) == nil)
    }

    @Test("a backendRef without a weight weighs 1, and 0 is allowed; a namespace is part of the target name")
    func weightDefaults() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route, namespace: web}
            spec:
              rules:
              - backendRefs:
                - {name: foo-v1}
                - {name: foo-v2, namespace: canary, weight: 0}
            """)

        let route = try #require(table.routes.first)
        #expect(route.targets.map(\.name) == ["foo-v1", "canary/foo-v2"])
        #expect(route.targets.map(\.weight) == [1, 0])
        #expect(route.targets.map { $0.service?.host } == ["foo-v1.web.svc.cluster.local", "foo-v2.canary.svc.cluster.local"])
    }

    @Test("a rule's matches are alternatives: either one selects the rule")
    func matchesAreAlternatives() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route}
            spec:
              rules:
              - matches:
                - path: {type: PathPrefix, value: /foo}
                  headers: [{name: version, value: v2}]
                - path: {type: PathPrefix, value: /v2/foo}
                backendRefs: [{name: foo-v2}]
            """)

        let name = "httproute/default/foo-route/rule/0"
        #expect(table.route(matching: request("/foo/1", headers: ["Version": "v2"]))?.name == name)
        #expect(table.route(matching: request("/v2/foo"))?.name == name)
        #expect(table.route(matching: request("/foo/1")) == nil)
    }

    @Test("a PathPrefix matches whole path segments only")
    func segmentPrefix() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route}
            spec:
              rules:
              - matches: [{path: {value: /foo/}}]
                backendRefs: [{name: foo-v1}]
            """)

        #expect(table.route(matching: request("/foo")) != nil)
        #expect(table.route(matching: request("/foo/bar?x=1")) != nil)
        #expect(table.route(matching: request("/foobar")) == nil)
    }

    @Test("precedence: exact path, then the longest prefix, then method, then most headers, then most query parameters")
    func precedenceWithinRoute() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop}
            spec:
              rules:
              - matches: [{path: {value: /}}]
                backendRefs: [{name: r0}]
              - matches: [{path: {value: /orders}}]
                backendRefs: [{name: r1}]
              - matches: [{path: {type: Exact, value: /orders/new}}]
                backendRefs: [{name: r2}]
              - matches: [{path: {value: /orders}, method: POST}]
                backendRefs: [{name: r3}]
              - matches: [{path: {value: /orders}, headers: [{name: x-canary, value: "1"}]}]
                backendRefs: [{name: r4}]
              - matches: [{path: {value: /orders}, queryParams: [{name: debug, value: "1"}]}]
                backendRefs: [{name: r5}]
            """)

        func rule(_ request: RequestAttributes) -> String? { table.route(matching: request)?.targets.first?.name }
        #expect(rule(request("/orders/new", method: "POST")) == "r2")
        #expect(rule(request("/orders/7", method: "POST", headers: ["x-canary": "1"])) == "r3")
        #expect(rule(request("/orders/7?debug=1", headers: ["x-canary": "1"])) == "r4")
        #expect(rule(request("/orders/7?debug=1")) == "r5")
        #expect(rule(request("/orders/7")) == "r1")
        #expect(rule(request("/catalog")) == "r0")
    }

    @Test("on a tie the oldest route wins, then the first by namespace/name, whatever the definition order")
    func precedenceAcrossRoutes() throws {
        func route(_ name: String, createdAt: String? = nil) -> String {
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: \(name), namespace: web\(createdAt.map { ", creationTimestamp: \"\($0)\"" } ?? "")}
            spec: {rules: [{matches: [{path: {value: /orders}}], backendRefs: [{name: \(name)}]}]}
            """
        }
        let byName = try documentTable([route("zeta"), route("alpha")].joined(separator: "\n---\n"))
        let byAge = try documentTable([route("alpha", createdAt: "2026-11-02T10:00:00Z"), route("zeta", createdAt: "2026-11-01T10:00:00Z")]
            .joined(separator: "\n---\n"))

        #expect(byName.route(matching: request("/orders"))?.name == "httproute/web/alpha/rule/0")
        #expect(byAge.route(matching: request("/orders"))?.name == "httproute/web/zeta/rule/0")
    }

    @Test("an exact hostname takes precedence over a wildcard, whatever the paths")
    func hostnamePrecedence() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: wildcard}
            spec:
              hostnames: ["*.example.com"]
              rules: [{matches: [{path: {type: Exact, value: /orders}}], backendRefs: [{name: any}]}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: exact}
            spec:
              hostnames: [shop.example.com]
              rules: [{backendRefs: [{name: shop}]}]
            """)

        #expect(table.route(matching: request("/orders", authority: "shop.example.com"))?.name == "httproute/default/exact/rule/0")
        #expect(table.route(matching: request("/orders", authority: "api.example.com"))?.name == "httproute/default/wildcard/rule/0")
        #expect(table.route(matching: request("/orders", authority: "example.com")) == nil)
    }

    @Test(
        "Envoy Gateway's logged route name of a match names the route of its rule",
        arguments: [
            ("httproute/default/foo-route/rule/0/match/0/foo_example_com", "httproute/default/foo-route/rule/0"),
            ("httproute/default/foo-route/rule/1/match/2/*", "httproute/default/foo-route/rule/1"),
            ("httproute/default/foo-route/rule/1", "httproute/default/foo-route/rule/1"),
        ]
    )
    func loggedRouteName(logged: String, route: String) throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route}
            spec:
              rules:
              - backendRefs: [{name: foo-v1}]
              - matches: [{headers: [{name: traffic, value: test}]}]
                backendRefs: [{name: foo-v2}]
            """)

        #expect(table.route(named: logged)?.name == route)
    }

    @Test("a logged name of another route or rule names no route")
    func unknownLoggedRouteName() throws {
        let table = try fixtureTable("gateway-api-httproute.yaml")

        #expect(table.route(named: "httproute/default/foo-route/rule/3/match/0/foo_example_com") == nil)
        #expect(table.route(named: "httproute/default/bar-route/rule/0/match/0/foo_example_com") == nil)
    }

    @Test("the rule's cluster names the rule, so it names a target only when the rule has one backend")
    func ruleCluster() throws {
        let split = try #require(try fixtureTable("gateway-api-httproute.yaml").routes.first)
        let single = try #require(try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: bar-route}
            spec: {rules: [{backendRefs: [{name: bar-v1}]}]}
            """).routes.first)

        #expect(split.target(forUpstreamCluster: "httproute/default/foo-route/rule/0") == nil)
        #expect(single.target(forUpstreamCluster: "httproute/default/bar-route/rule/0")?.name == "bar-v1")
        #expect(single.target(forUpstreamCluster: "httproute/default/foo-route/rule/0") == nil)
    }

    @Test("a GRPCRoute method match selects /<service>/<method>")
    func grpcRoute() throws {
        let table = try documentTable("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: store}
            spec:
              rules:
              - matches: [{method: {service: com.example.User, method: Login}}]
                backendRefs: [{name: user-v2}]
              - matches: [{method: {service: com.example.User}}]
                backendRefs: [{name: user-v1}]
            """)

        #expect(table.route(matching: request("/com.example.User/Login", method: "POST"))?.name == "grpcroute/default/store/rule/0")
        #expect(table.route(matching: request("/com.example.User/Logout", method: "POST"))?.name == "grpcroute/default/store/rule/1")
        #expect(table.route(named: "grpcroute/default/store/rule/1/match/0/*")?.kind == .grpcRoute)
    }

    @Test("an unknown path type is reported at the type, with the types allowed")
    func unknownPathType() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: foo-route}
                spec:
                  rules:
                  - matches: [{path: {type: Prefix, value: /foo}}]
                    backendRefs: [{name: foo-v1}]
                """)
        }

        #expect(error.description
            == #"routes.yaml: document 1: spec.rules[0].matches[0].path.type: path type must be Exact, PathPrefix or RegularExpression, found "Prefix""#)
    }

    @Test("a negative weight is reported at the weight")
    func negativeWeight() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: foo-route}
                spec: {rules: [{backendRefs: [{name: foo-v1, weight: -1}]}]}
                """)
        }

        #expect(error.location == .document(1, path: "spec.rules[0].backendRefs[0].weight"))
    }

    @Test("a backendRef listed twice in a rule is reported, since its share could not be told apart")
    func duplicateBackend() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: foo-route}
                spec: {rules: [{backendRefs: [{name: foo-v1, port: 8080}, {name: foo-v1, port: 9090}]}]}
                """)
        }

        #expect(error.location == .document(1, path: "spec.rules[0].backendRefs[1].name"))
    }
}

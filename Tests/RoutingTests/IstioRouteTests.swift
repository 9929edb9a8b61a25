import Foundation
import Routing
import Testing

@Suite("Istio VirtualService and DestinationRule resources")
struct IstioRouteTests {
    @Test("bookinfo's reviews route sends 90 to subset v1 and 10 to subset v2")
    func bookinfoFixture() throws {
        let table = try fixtureTable("istio-reviews.yaml")

        let route = try #require(table.routes.first)
        #expect(table.routes.count == 1)
        #expect(route.name == "virtualservice/default/reviews/http/0")
        #expect(route.kind == .virtualServiceHTTPRoute)
        #expect(route.targets.map(\.name) == ["reviews/v1", "reviews/v2"])
        #expect(route.targets.map(\.weight) == [90, 10])
        #expect(route.targets.map { $0.service?.host } == ["reviews.default.svc.cluster.local", "reviews.default.svc.cluster.local"])
    }

    @Test(
        "a short host matches the service by any of the names it is reached by, with or without a port",
        arguments: ["reviews:9080", "reviews.default", "reviews.default.svc:9080", "reviews.default.svc.cluster.local"]
    )
    func shortHost(authority: String) throws {
        let table = try fixtureTable("istio-reviews.yaml")

        #expect(table.route(matching: request("/reviews/0", authority: authority))?.name == "virtualservice/default/reviews/http/0")
    }

    @Test("a request for another service matches no route")
    func otherHost() throws {
        let table = try fixtureTable("istio-reviews.yaml")

        #expect(table.route(matching: request("/ratings/0", authority: "ratings:9080")) == nil)
    }

    @Test(
        "an outbound cluster names the target of its subset; another port, subset or host names none",
        arguments: [
            ("outbound|9080|v1|reviews.default.svc.cluster.local", "reviews/v1"),
            ("outbound|9080|v2|reviews.default.svc.cluster.local", "reviews/v2"),
            ("outbound|9080|v3|reviews.default.svc.cluster.local", nil),
            ("outbound|9080||reviews.default.svc.cluster.local", nil),
            ("outbound|9080|v1|reviews.other.svc.cluster.local", nil),
            ("inbound|9080||", nil),
        ] as [(String, String?)]
    )
    func outboundCluster(cluster: String, target: String?) throws {
        let route = try #require(try fixtureTable("istio-reviews.yaml").routes.first)

        #expect(route.target(forUpstreamCluster: cluster)?.name == target)
    }

    /// The request-routing task's header route before a weighted one, named so Istio logs the names.
    private static let named = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - name: jason
            match:
            - name: by-user
              headers: {end-user: {exact: jason}}
            - name: by-cookie
              headers: {cookie: {regex: "^(.*?;)?(user=jason)(;.*)?$"}}
            route:
            - destination: {host: reviews, subset: v2, port: {number: 9080}}
          - name: canary
            route:
            - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}
              weight: 75
            - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v3}
              weight: 25
        """

    @Test("routes are tried in definition order: the header route before the catch-all")
    func definitionOrder() throws {
        let table = try documentTable(Self.named)

        #expect(table.route(matching: request("/reviews/1", authority: "reviews:9080", headers: ["end-user": "jason"]))?.name == "jason")
        #expect(table.route(matching: request("/reviews/1", authority: "reviews:9080"))?.name == "canary")
    }

    @Test("a logged route name is the route's name, or <route>.<match> for a named match", arguments: ["jason", "jason.by-user", "jason.by-cookie"])
    func loggedRouteName(logged: String) throws {
        let table = try documentTable(Self.named)

        #expect(table.route(named: logged)?.name == "jason")
    }

    @Test("a destination port must agree with the cluster's port")
    func destinationPort() throws {
        let route = try #require(try documentTable(Self.named).route(named: "jason"))

        #expect(route.target(forUpstreamCluster: "outbound|9080|v2|reviews.bookinfo.svc.cluster.local")?.name == "reviews/v2")
        #expect(route.target(forUpstreamCluster: "outbound|9081|v2|reviews.bookinfo.svc.cluster.local") == nil)
    }

    @Test("uri prefix, method and authority conditions all have to hold")
    func uriMethodAuthority() throws {
        let table = try documentTable("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: shop}
            spec:
              hosts: ["*"]
              http:
              - name: orders-post
                match:
                - uri: {prefix: /orders}
                  method: {regex: "POST|PUT"}
                  authority: {exact: shop.example.com}
                route: [{destination: {host: orders}}]
            """)

        #expect(table.route(matching: request("/orders/1", method: "PUT", authority: "shop.example.com"))?.name == "orders-post")
        #expect(table.route(matching: request("/orders/1", method: "GET", authority: "shop.example.com")) == nil)
        #expect(table.route(matching: request("/orders/1", method: "POST", authority: "api.example.com")) == nil)
        #expect(table.route(matching: request("/catalog", method: "POST", authority: "shop.example.com")) == nil)
    }

    @Test("a lone destination without a weight gets all the traffic")
    func loneDestination() throws {
        let route = try #require(try documentTable(Self.named).route(named: "jason"))

        #expect(route.targets.map(\.weight) == [100])
    }

    @Test("a subset the host's DestinationRule does not define is reported at the subset, even from another source")
    func undefinedSubset() throws {
        let virtualService = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v1}
                  weight: 50
                - destination: {host: reviews, subset: v4}
                  weight: 50
            """
        let fixture = try String(contentsOf: fixtureURL("istio-reviews.yaml"), encoding: .utf8)
        let start = try #require(fixture.range(of: "apiVersion: networking.istio.io/v1\nkind: DestinationRule"))
        let destinationRule = String(fixture[start.lowerBound...])

        let error = try #require(throws: RouteConfigError.self) {
            try RouteTable(documents: [(Data(virtualService.utf8), "virtual-services.yaml"), (Data(destinationRule.utf8), "destination-rules.yaml")])
        }

        #expect(error.source == "virtual-services.yaml")
        #expect(error.location == .document(1, path: "spec.http[0].route[1].destination.subset"))
        #expect(error.problem.contains("DestinationRule default/reviews (destination-rules.yaml at document 1)"))
        #expect(error.problem.contains("defines v1, v2, v3"))
    }

    @Test("a StringMatch with two kinds is reported at the match")
    func ambiguousStringMatch() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{uri: {exact: /a, prefix: /b}}]
                    route: [{destination: {host: reviews}}]
                """)
        }

        #expect(error.description == "routes.yaml: document 1: spec.http[0].match[0].uri: expected exactly one of exact, prefix, regex, found exact and prefix")
    }
}

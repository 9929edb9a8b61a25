import Routing
import Testing

@Suite("RouteLens's own routelens.io/v1 Routes files")
struct RouteLensRouteTests {
    @Test("routes keep their matches, weighted targets, clusters and hosts")
    func fixture() throws {
        let table = try fixtureTable("routelens-routes.yaml")

        #expect(table.routes.map(\.name) == ["inventory-canary", "search"])
        let inventory = try #require(table.route(named: "inventory-canary"))
        #expect(inventory.kind == .routeLensRoute)
        #expect(inventory.targets.map(\.name) == ["inventory-v1", "inventory-v2"])
        #expect(inventory.targets.map(\.weight) == [80, 20])
        #expect(inventory.targets.map(\.clusters) == [["inventory_v1"], ["inventory_v2"]])
        #expect(inventory.targets.map { $0.hosts.map(\.description) } == [["10.1.2.0/24"], ["10.1.9.7:8080", "[fd00::9:7]:8080"]])
    }

    @Test("a target given as a mapping takes its name from the key and weighs 1")
    func targetMapping() throws {
        let search = try #require(try fixtureTable("routelens-routes.yaml").route(named: "search"))

        #expect(search.targets.map(\.name) == ["search"])
        #expect(search.targets.map(\.weight) == [1])
    }

    @Test("routes are tried in definition order; one without matches takes every request")
    func matchingOrder() throws {
        let table = try fixtureTable("routelens-routes.yaml")

        #expect(table.route(matching: request("/inventory/7", authority: "shop.example.com"))?.name == "inventory-canary")
        #expect(table.route(matching: request("/inventory/7", authority: "api.example.com"))?.name == "search")
        #expect(table.route(matching: request("/"))?.name == "search")
    }

    @Test("a listed cluster names its target")
    func cluster() throws {
        let inventory = try #require(try fixtureTable("routelens-routes.yaml").route(named: "inventory-canary"))

        #expect(inventory.target(forUpstreamCluster: "inventory_v2")?.name == "inventory-v2")
        #expect(inventory.target(forUpstreamCluster: "inventory_v3") == nil)
    }

    @Test(
        "an upstream host names the target whose network or address lists it",
        arguments: [
            ("10.1.2.17:8080", "inventory-v1"),
            ("10.1.2.255:9000", "inventory-v1"),
            ("10.1.9.7:8080", "inventory-v2"),
            ("[FD00::9:7]:8080", "inventory-v2"),
            ("10.1.9.7:9090", nil),
            ("10.1.3.1:8080", nil),
            ("-", nil),
        ] as [(String, String?)]
    )
    func upstreamHost(host: String, target: String?) throws {
        let inventory = try #require(try fixtureTable("routelens-routes.yaml").route(named: "inventory-canary"))

        #expect(inventory.target(forUpstreamHost: host)?.name == target)
    }

    @Test("a host that is not an address or IPv4 network is reported at the host")
    func badHost() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: routelens.io/v1
                kind: Routes
                metadata: {name: shop}
                spec:
                  routes:
                  - name: orders
                    targets: [{name: orders-v1, hosts: ["orders-v1.shop.svc:8080"]}]
                """)
        }

        #expect(error.location == .document(1, path: "spec.routes[0].targets[0].hosts[0]"))
        #expect(error.problem.hasPrefix("host must be an IP address"))
    }

    @Test("an unknown match condition is reported with the conditions there are")
    func unknownCondition() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: routelens.io/v1
                kind: Routes
                metadata: {name: shop}
                spec:
                  routes:
                  - name: orders
                    matches: [{pathPrefix: /orders}]
                    targets: [{name: orders-v1}]
                """)
        }

        #expect(error.description == "routes.yaml: document 1: spec.routes[0].matches[0].pathPrefix: unknown match condition pathPrefix: "
            + "expected headers, host, method, path, pathRegex, prefix, query")
    }
}

import Operations
import Testing

@Suite("Several documents")
struct ScopedSpecsTests {
    static let shop = """
        openapi: 3.0.3
        info: {title: Shop API}
        paths:
          /orders/{id}:
            get: {}
        """

    static let admin = """
        openapi: 3.1.0
        info: {title: Admin API}
        paths:
          /orders/{id}:
            get: {}
          /users:
            get: {}
        """

    @Test("a document scoped to an authority answers for that authority only, the unscoped one for the rest")
    func scopedByAuthority() throws {
        let matcher = try OperationMatcher(specs: [spec(Self.shop), spec(Self.admin, source: "admin.yaml", authority: "admin.example.com")])

        #expect(matcher.operation(method: "GET", authority: "admin.example.com", path: "/orders/7")?.specTitle == "Admin API")
        #expect(matcher.operation(method: "GET", authority: "shop.example.com", path: "/orders/7")?.specTitle == "Shop API")
        #expect(matcher.operation(method: "GET", authority: "", path: "/orders/7")?.specTitle == "Shop API")
        #expect(matcher.operation(method: "GET", authority: "shop.example.com", path: "/users") == nil)
    }

    @Test("authorities are compared without port and case")
    func authorityPortAndCase() throws {
        let matcher = try OperationMatcher(specs: [spec(Self.admin, source: "admin.yaml", authority: "Admin.Example.com:443")])

        #expect(matcher.name("GET", "/users", authority: "admin.example.COM:8443") == "GET /users")
        #expect(matcher.name("GET", "/users", authority: "admin.example.org") == nil)
    }

    @Test("an IPv6 authority keeps its address and drops its port")
    func ipv6Authority() throws {
        let matcher = try OperationMatcher(specs: [spec(Self.admin, source: "admin.yaml", authority: "[2001:db8::1]")])

        #expect(matcher.name("GET", "/users", authority: "[2001:db8::1]:8443") == "GET /users")
    }

    @Test("documents under different path prefixes share one authority")
    func scopedByPrefix() throws {
        let orders = try spec("""
            openapi: 3.0.3
            info: {title: Orders}
            servers: [{url: /orders-api}]
            paths:
              /orders/{id}:
                get: {}
            """, source: "orders.yaml")
        let payments = try spec("""
            openapi: 3.0.3
            info: {title: Payments}
            servers: [{url: /payments-api}]
            paths:
              /payments/{id}:
                get: {}
            """, source: "payments.yaml")
        let matcher = try OperationMatcher(specs: [orders, payments])

        #expect(matcher.operation(method: "GET", authority: "shop.example.com", path: "/orders-api/orders/7")?.specTitle == "Orders")
        #expect(matcher.operation(method: "GET", authority: "shop.example.com", path: "/payments-api/payments/7")?.specTitle == "Payments")
    }

    @Test("no document for an authority and none unscoped matches nothing")
    func noUnscopedDocument() throws {
        let matcher = try OperationMatcher(specs: [spec(Self.admin, source: "admin.yaml", authority: "admin.example.com")])

        #expect(matcher.name("GET", "/users", authority: "shop.example.com") == nil)
    }
}

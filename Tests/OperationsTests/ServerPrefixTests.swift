import Operations
import Testing

@Suite("Server path prefixes")
struct ServerPrefixTests {
    @Test("an absolute server URL's path prefixes every operation")
    func absoluteURL() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            servers:
              - url: https://api.example.com/v2/
            paths:
              /orders/{id}:
                get: {}
            """)

        #expect(shop.name("GET", "/v2/orders/7") == "GET /v2/orders/{id}")
        #expect(shop.name("GET", "/orders/7") == nil)
    }

    @Test("server variables take their defaults")
    func variables() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            servers:
              - url: https://{region}.example.com/{basePath}
                variables:
                  region: {default: eu}
                  basePath: {default: shop/v1, enum: [shop/v1, shop/v2]}
            paths:
              /orders:
                get: {}
            """)

        #expect(shop.name("GET", "/shop/v1/orders") == "GET /shop/v1/orders")
    }

    @Test("servers with different prefixes declare each operation once per prefix")
    func severalServers() throws {
        let shop = try spec("""
            openapi: 3.0.3
            info: {title: Shop}
            servers:
              - url: https://api.example.com/v1
              - url: https://staging.example.com/v1
              - url: /v2
            paths:
              /:
                get: {}
              /orders:
                get: {}
            """)

        #expect(shop.operations.map(\.displayName) == ["GET /v1", "GET /v2", "GET /v1/orders", "GET /v2/orders"])
    }

    @Test("a server at the root adds no prefix")
    func rootServer() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            servers:
              - url: https://shop.example.com
            paths:
              /orders:
                get: {}
            """)

        #expect(shop.name("GET", "/orders") == "GET /orders")
    }

    @Test("a path item's servers replace the document's, an operation's replace the path item's")
    func overrides() throws {
        let shop = try spec("""
            openapi: 3.0.3
            info: {title: Shop}
            servers: [{url: /v1}]
            paths:
              /orders:
                servers: [{url: /v2}]
                get: {}
                post:
                  servers: [{url: 'https://upload.example.com/v3'}]
              /payments:
                get: {}
            """)

        #expect(shop.operations.map(\.displayName) == ["GET /v2/orders", "POST /v3/orders", "GET /v1/payments"])
    }
}

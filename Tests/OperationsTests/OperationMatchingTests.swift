import Operations
import Testing

@Suite("Matching requests to operations")
struct OperationMatchingTests {
    @Test("a templated segment matches any one segment and the operation carries its title and operationId")
    func template() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop API}
            paths:
              /orders/{id}:
                get: {operationId: getOrder}
            """)

        let operation = try #require(shop.operation(method: "GET", authority: "shop.example.com", path: "/orders/10442"))
        #expect(operation.displayName == "GET /orders/{id}")
        #expect(operation.pathTemplate == "/orders/{id}")
        #expect(operation.specTitle == "Shop API")
        #expect(operation.operationID == "getOrder")
    }

    @Test("a concrete path wins over a templated one, whatever the document order")
    func concreteBeforeTemplate() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/{id}:
                get: {}
              /orders/mine:
                get: {}
            """)

        #expect(shop.name("GET", "/orders/mine") == "GET /orders/mine")
        #expect(shop.name("GET", "/orders/10442") == "GET /orders/{id}")
    }

    @Test("the template with more literal segments wins, even when its literals come later")
    func moreLiteralsFirst() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /users/{userId}/{collection}:
                get: {}
              /{tenant}/orders/items:
                get: {}
            """)

        #expect(shop.name("GET", "/users/orders/items") == "GET /{tenant}/orders/items")
        #expect(shop.name("GET", "/users/7/items") == "GET /users/{userId}/{collection}")
    }

    @Test("between templates with as many literal segments, the one literal earlier wins")
    func earlierLiteralFirst() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /{shop}/orders:
                get: {}
              /acme/{collection}:
                get: {}
            """)

        #expect(shop.name("GET", "/acme/orders") == "GET /acme/{collection}")
    }

    @Test("a request whose method the matching path lacks matches nothing")
    func methodMismatch() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/{id}:
                get: {}
                delete: {}
            """)

        #expect(shop.name("POST", "/orders/7") == nil)
        #expect(shop.name("get", "/orders/7") == nil)
        #expect(shop.name("DELETE", "/orders/7") == "DELETE /orders/{id}")
    }

    @Test("a concrete path without the request's method gives way to a template that has it")
    func methodFallsThroughToTemplate() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/mine:
                get: {}
              /orders/{id}:
                delete: {}
            """)

        #expect(shop.name("DELETE", "/orders/mine") == "DELETE /orders/{id}")
    }

    @Test("the query string and fragment are ignored")
    func queryIgnored() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders:
                get: {}
              /orders/{id}:
                get: {}
            """)

        #expect(shop.name("GET", "/orders?page=3") == "GET /orders")
        #expect(shop.name("GET", "/orders/7?expand=items&fields=id,status") == "GET /orders/{id}")
        #expect(shop.name("GET", "/orders/7#top") == "GET /orders/{id}")
        #expect(shop.name("GET", "/orders/?page=3") == "GET /orders")
    }

    @Test("one trailing slash is not significant, in requests or in templates")
    func trailingSlash() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders:
                get: {}
              /payments/:
                get: {}
            """)

        #expect(shop.name("GET", "/orders/") == "GET /orders")
        #expect(shop.name("GET", "/payments") == "GET /payments/")
        #expect(shop.name("GET", "/orders//") == nil)
    }

    @Test("a templated segment does not match an empty segment or several segments")
    func templateIsOneNonEmptySegment() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/{id}/items:
                get: {}
            """)

        #expect(shop.name("GET", "/orders//items") == nil)
        #expect(shop.name("GET", "/orders/7/8/items") == nil)
        #expect(shop.name("GET", "/orders/7/items") == "GET /orders/{id}/items")
    }

    @Test("the root path is an operation of its own")
    func rootPath() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /:
                get: {}
              /{page}:
                get: {}
            """)

        #expect(shop.name("GET", "/") == "GET /")
        #expect(shop.name("GET", "/?utm_source=mail") == "GET /")
        #expect(shop.name("GET", "/about") == "GET /{page}")
    }

    @Test("percent-escapes are decoded only to compare a segment with literal text")
    func percentEscapes() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /catégories/{name}:
                get: {}
            """)

        #expect(shop.name("GET", "/cat%C3%A9gories/shoes") == "GET /catégories/{name}")
        #expect(shop.name("GET", "/cat%c3%a9gories/a%2Fb") == "GET /catégories/{name}")
    }

    @Test("a segment mixing text and variables matches before a plain variable")
    func mixedSegment() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /reports/{name}:
                get: {}
              /reports/{name}.csv:
                get: {}
              /reports/{year}-{month}.csv:
                get: {}
            """)

        #expect(shop.name("GET", "/reports/2026-11.csv") == "GET /reports/{year}-{month}.csv")
        #expect(shop.name("GET", "/reports/sales.csv") == "GET /reports/{name}.csv")
        #expect(shop.name("GET", "/reports/.csv") == "GET /reports/{name}")
        #expect(shop.name("GET", "/reports/sales") == "GET /reports/{name}")
    }

    @Test("a path that is not origin-form matches nothing")
    func notOriginForm() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /:
                options: {}
            """)

        #expect(shop.name("OPTIONS", "*") == nil)
        #expect(shop.name("OPTIONS", "") == nil)
    }

    @Test("a request is matched from the bytes of a parsed log line")
    func bytes() throws {
        let shop = try matcher("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/{id}:
                put: {}
            """)
        let line = Array(#"PUT /orders/7 HTTP/1.1 shop.example.com"#.utf8)

        let operation = line.withUnsafeBytes { line in
            shop.operation(
                method: UnsafeRawBufferPointer(rebasing: line[0..<3]),
                authority: UnsafeRawBufferPointer(rebasing: line[23...]),
                path: UnsafeRawBufferPointer(rebasing: line[4..<13])
            )
        }
        #expect(operation?.displayName == "PUT /orders/{id}")
    }

    @Test("the shop fixture groups the generator's paths into operations")
    func shopFixture() throws {
        let shop = try OperationMatcher(specs: [OpenAPISpec(data: fixture("openapi/shop.yaml"), source: "shop.yaml")])

        #expect(shop.name("GET", "/orders/10442?expand=items") == "GET /orders/{orderId}")
        #expect(shop.name("GET", "/orders?limit=50&offset=100") == "GET /orders")
        #expect(shop.name("POST", "/payments") == "POST /payments")
        #expect(shop.name("DELETE", "/products/99817") == "DELETE /products/{productId}")
        #expect(shop.name("PUT", "/categories/1200") == "PUT /categories/{categoryId}")
        #expect(shop.name("GET", "/search?page=2") == "GET /search")
        #expect(shop.name("PUT", "/cart/5501") == "PUT /cart/{cartId}")
        #expect(shop.name("DELETE", "/search/5501") == nil)
    }
}

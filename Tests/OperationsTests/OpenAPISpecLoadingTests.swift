import Foundation
import Operations
import Testing

@Suite("Reading OpenAPI documents")
struct OpenAPISpecLoadingTests {
    @Test("a JSON document yields its title and operations with their operationIds")
    func json() throws {
        let shop = try spec(#"""
            {"openapi":"3.1.0","info":{"title":"Shop API","version":"1"},
             "paths":{"\/orders":{"get":{"operationId":"listOrders"},"post":{}},
                      "/orders/{id}":{"get":{"operationId":"getOrder","responses":{"200":{"description":"ok"}}}}}}
            """#, source: "shop.json")

        #expect(shop.title == "Shop API")
        #expect(shop.operations.map(\.displayName) == ["GET /orders", "POST /orders", "GET /orders/{id}"])
        #expect(shop.operations.map(\.operationID) == ["listOrders", nil, "getOrder"])
    }

    @Test("a JSON document indented with tabs is read")
    func jsonWithTabs() throws {
        let shop = try spec("{\n\t\"openapi\": \"3.0.3\",\n\t\"info\": {\"title\": \"Shop\"},\n\t\"paths\": {\n\t\t\"/orders\": {\"get\": {}}\n\t}\n}\n")

        #expect(shop.operations.map(\.displayName) == ["GET /orders"])
    }

    @Test("a YAML document yields its title and operations in document order")
    func yaml() throws {
        let shop = try spec("""
            openapi: 3.0.3
            info:
              title: Shop API
              version: 2.4.0
            paths:
              /orders/{id}:
                parameters:
                  - {name: id, in: path, required: true}
                delete:
                  operationId: cancelOrder
                get:
                  operationId: getOrder
              x-internal: true
            """)

        #expect(shop.title == "Shop API")
        #expect(shop.operations.map(\.displayName) == ["DELETE /orders/{id}", "GET /orders/{id}"])
        #expect(shop.operations.map(\.specTitle) == ["Shop API", "Shop API"])
    }

    @Test("every method OpenAPI allows on a path item is read, other fields are not operations")
    func allMethods() throws {
        let api = try spec("""
            openapi: 3.1.0
            info: {title: API}
            paths:
              /things:
                summary: all of them
                get: {}
                put: {}
                post: {}
                delete: {}
                options: {}
                head: {}
                patch: {}
                trace: {}
                servers: []
                parameters: []
            """)

        #expect(api.operations.map(\.method) == ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"])
    }

    @Test("a UTF-8 byte order mark is skipped")
    func byteOrderMark() throws {
        let shop = try OpenAPISpec(data: Data([0xEF, 0xBB, 0xBF] + Array("openapi: 3.0.3\ninfo: {title: Shop}\npaths: {/orders: {get: {}}}\n".utf8)), source: "shop.yaml")

        #expect(shop.operations.map(\.displayName) == ["GET /orders"])
    }

    @Test("a document without paths has no operations")
    func noPaths() throws {
        let webhooksOnly = try spec("""
            openapi: 3.1.0
            info: {title: Events}
            webhooks:
              orderPlaced:
                post: {}
            """)

        #expect(webhooksOnly.operations.isEmpty)
    }

    @Test("a path item that refers to another place in the document is read from there")
    func localReference() throws {
        let shop = try spec("""
            openapi: 3.1.0
            info: {title: Shop}
            paths:
              /orders/{id}:
                $ref: '#/components/pathItems/Order'
            components:
              pathItems:
                Order:
                  get: {operationId: getOrder}
            """)

        #expect(shop.operations.map(\.displayName) == ["GET /orders/{id}"])
        #expect(shop.operations.first?.operationID == "getOrder")
    }

    @Test("a reference's JSON Pointer may name another path, with / written as ~1")
    func pointerEscapes() throws {
        let shop = try spec("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders:
                get: {operationId: listOrders}
              /v1/orders:
                $ref: '#/paths/~1orders'
            """)

        #expect(shop.operations.map(\.displayName) == ["GET /orders", "GET /v1/orders"])
        #expect(shop.operations.map(\.operationID) == ["listOrders", "listOrders"])
    }

    @Test("the shop fixture declares the generator's collections and items")
    func shopFixture() throws {
        let shop = try OpenAPISpec(data: fixture("openapi/shop.yaml"), source: "shop.yaml")

        #expect(shop.title == "Shop API")
        #expect(shop.operations.count == 29)
        #expect(shop.operations.contains { $0.displayName == "DELETE /orders/{orderId}" && $0.operationID == "cancelOrder" })
    }
}

import Operations
import Testing

@Suite("Reporting unusable OpenAPI documents")
struct OpenAPISpecErrorTests {
    @Test("malformed YAML is reported at its line and column")
    func yamlSyntax() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info:
                  title: Shop
                paths:
                  /orders: [get
                """, source: "orders.yaml")
        }

        #expect(error.path == nil)
        #expect(error.line == 6)
        #expect(error.description.hasPrefix("orders.yaml: line 6, column 1: not valid JSON or YAML: "))
    }

    @Test("malformed JSON is reported at its line")
    func jsonSyntax() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec(#"""
                {"openapi": "3.1.0",
                 "info": {"title": "Shop"},
                 "paths": {"/orders" {"get": {}}}}
                """#, source: "shop.json")
        }

        #expect(error.line == 3)
        #expect(error.description.hasPrefix("shop.json: line 3, column "))
        #expect(error.problem.hasPrefix("not valid JSON or YAML"))
    }

    @Test("a path declared twice is reported at the mapping that holds it")
    func duplicatePath() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  /orders:
                    get: {}
                  /orders:
                    post: {}
                """, source: "orders.yaml")
        }

        #expect(error.description == #"orders.yaml: line 4, column 3: not valid JSON or YAML: "/orders" appears more than once in one mapping; keep one"#)
    }

    @Test("a document that is not a mapping is refused")
    func notAMapping() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("- openapi: 3.0.3\n")
        }

        #expect(error.problem == "expected an OpenAPI document (a mapping with openapi, info and paths), found a list")
    }

    @Test("an operation that is not a mapping is reported at its path")
    func operationNotAMapping() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  /orders/{id}:
                    get: [listOrders]
                """, source: "orders.yaml")
        }

        #expect(error.description == "orders.yaml: paths./orders/{id}.get: expected a mapping (an object), found a list (line 5, column 10)")
    }

    @Test("unbalanced braces in a path are reported at the path")
    func unbalancedBraces() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  /orders/{id:
                    get: {}
                """, source: "orders.yaml")
        }

        #expect(error.path == "paths./orders/{id")
        #expect(error.problem == #"unbalanced braces in segment "{id"; write a variable as {name}"#)
        #expect(error.line == 4)
    }

    @Test("a path that does not start with a slash is reported")
    func pathWithoutSlash() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  orders:
                    get: {}
                """)
        }

        #expect(error.path == "paths.orders")
        #expect(error.problem == #"a path must start with "/""#)
    }

    @Test("a missing title is reported where it belongs")
    func missingTitle() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info:
                  version: 1.0.0
                paths: {}
                """)
        }

        #expect(error.path == "info.title")
        #expect(error.problem == "missing; expected the API's title")
    }

    @Test("a non-string operationId is reported at its path")
    func operationIDNotAString() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  /orders:
                    get:
                      operationId: {name: listOrders}
                """)
        }

        #expect(error.path == "paths./orders.get.operationId")
        #expect(error.problem == "expected a string, found a mapping")
    }

    @Test("a server variable without a definition is reported at the server's url")
    func undefinedServerVariable() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                servers:
                  - url: https://api.example.com/{version}
                paths: {}
                """)
        }

        #expect(error.path == "servers[0].url")
        #expect(error.problem.hasPrefix("variable {version} is not defined"))
    }

    @Test("a server variable without a default is reported at the variable")
    func serverVariableWithoutDefault() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                servers:
                  - url: https://api.example.com/{version}
                    variables:
                      version: {enum: [v1, v2]}
                paths: {}
                """)
        }

        #expect(error.path == "servers[0].variables.version.default")
    }

    @Test("a Swagger 2.0 document is refused with what to do")
    func swagger2() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec(#"{"swagger": "2.0", "info": {"title": "Shop"}, "paths": {}}"#, source: "shop.json")
        }

        #expect(error.path == "swagger")
        #expect(error.problem.hasPrefix("Swagger 2.0 is not supported; convert the document to OpenAPI 3"))
    }

    @Test("a reference to another file is refused with what to do")
    func externalReference() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.0.3
                info: {title: Shop}
                paths:
                  /orders:
                    $ref: ./paths/orders.yaml
                """)
        }

        #expect(error.path == "paths./orders.$ref")
        #expect(error.problem.hasPrefix("./paths/orders.yaml is in another file"))
    }

    @Test("a reference to nothing is reported at the reference")
    func danglingReference() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.1.0
                info: {title: Shop}
                paths:
                  /orders:
                    $ref: '#/components/pathItems/Orders'
                """)
        }

        #expect(error.path == "paths./orders.$ref")
        #expect(error.problem == "#/components/pathItems/Orders does not exist in this document")
    }

    @Test("references that go round in a cycle are reported")
    func referenceCycle() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("""
                openapi: 3.1.0
                info: {title: Shop}
                paths:
                  /orders:
                    $ref: '#/components/pathItems/A'
                components:
                  pathItems:
                    A: {$ref: '#/components/pathItems/B'}
                    B: {$ref: '#/components/pathItems/A'}
                """)
        }

        #expect(error.problem == "more than 16 $refs in a row; is there a cycle?")
    }

    @Test("an empty document is reported as such")
    func emptyDocument() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("\n# nothing yet\n", source: "empty.yaml")
        }

        #expect(error.description == "empty.yaml: the document is empty; expected an OpenAPI 3 document in JSON or YAML")
    }

    @Test("two templates for the same requests and method are a conflict naming both")
    func conflictWithinDocument() throws {
        let document = try spec("""
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders/{id}:
                get: {}
              /orders/{orderId}:
                get: {}
                delete: {}
            """, source: "orders.yaml")

        let error = try #require(throws: OpenAPISpecError.self) { try OperationMatcher(specs: [document]) }
        #expect(error.description == "orders.yaml: paths./orders/{orderId}.get: GET /orders/{orderId} matches the same requests as GET /orders/{id} (paths./orders/{id}.get); remove one, or scope the documents to different authorities (line 7, column 10)")
    }

    @Test("two unscoped documents declaring the same operation are a conflict naming both files")
    func conflictBetweenDocuments() throws {
        let text = """
            openapi: 3.0.3
            info: {title: Shop}
            paths:
              /orders:
                get: {}
            """

        let error = try #require(throws: OpenAPISpecError.self) {
            try OperationMatcher(specs: [spec(text, source: "a.yaml"), spec(text, source: "b.yaml")])
        }
        #expect(error.source == "b.yaml")
        #expect(error.problem.contains("(a.yaml, paths./orders.get)"))
    }

    @Test("an empty authority scope is refused")
    func emptyAuthority() throws {
        let error = try #require(throws: OpenAPISpecError.self) {
            try spec("openapi: 3.0.3\ninfo: {title: Shop}\n", authority: ":8080")
        }

        #expect(error.problem.hasPrefix("the authority to scope the document to is empty"))
    }
}

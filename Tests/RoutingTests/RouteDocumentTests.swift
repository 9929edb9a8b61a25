import Routing
import Testing

@Suite("Reading route documents of any kind from JSON and YAML")
struct RouteDocumentTests {
    @Test("App Mesh JSON read as documents gives the same table as the App Mesh loader")
    func appMeshJSON() throws {
        let json = #"""
            {"meshName": "shop", "gatewayRouteName": "orders",
             "gatewayRouteSpec": {"httpRoute": {"match": {"prefix": "/orders"},
               "action": {"weightedTargets": [{"virtualNode": "orders-v1", "weight": 80}, {"virtualNode": "orders-v2", "weight": 20}]}}}}
            """#

        #expect(try documentTable(json, source: "routes.json") == routeTable(json, source: "routes.json"))
    }

    @Test("App Mesh routes written as YAML documents are read like their JSON")
    func appMeshYAML() throws {
        let table = try documentTable("""
            meshName: shop
            gatewayRouteName: orders
            gatewayRouteSpec:
              httpRoute:
                match: {prefix: /orders}
                action:
                  weightedTargets: [{virtualNode: orders-v1, weight: 80}, {virtualNode: orders-v2, weight: 20}]
            ---
            meshName: shop
            routeName: catalog
            routeSpec:
              httpRoute:
                match: {prefix: /catalog}
                action:
                  weightedTargets: [{virtualNode: catalog-v1, weight: 100}]
            """)

        #expect(table.routes.map(\.name) == ["orders", "catalog"])
        #expect(table.routes.map(\.origin.jsonPath) == ["document 1: gatewayRouteName", "document 2: routeName"])
        #expect(table.route(named: "orders")?.targets.map(\.weight) == [80, 20])
    }

    @Test("a kubectl List is read item by item, and kinds that are not routes are skipped")
    func kubectlList() throws {
        let table = try documentTable("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: foo-v1}
              spec: {ports: [{port: 8080}]}
            - apiVersion: gateway.networking.k8s.io/v1
              kind: HTTPRoute
              metadata: {name: foo-route, namespace: web, creationTimestamp: "2026-11-02T09:30:00Z"}
              spec:
                rules:
                - backendRefs: [{name: foo-v1, port: 8080}]
            """)

        #expect(table.routes.map(\.name) == ["httproute/web/foo-route/rule/0"])
        #expect(table.routes.first?.origin.jsonPath == "document 1: items[1].spec.rules[0]")
    }

    @Test("kubectl get -o json output is read as one JSON document, its errors at JSON paths")
    func kubectlJSON() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable(#"""
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "foo-route"},
                   "spec": {"rules": [{"backendRefs": [{"name": "foo-v1", "weight": 1.5}]}]}}]}
                """#, source: "routes.json")
        }

        #expect(error.location == .jsonPath("$.items[0].spec.rules[0].backendRefs[0].weight"))
    }

    @Test("objects that are not routes are skipped even when they have no name, like a kustomization")
    func unnamedOtherKind() throws {
        let table = try documentTable("""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [httproute.yaml]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route}
            spec: {rules: [{backendRefs: [{name: foo-v1}]}]}
            """)

        #expect(table.routes.map(\.name) == ["httproute/default/foo-route/rule/0"])
    }

    @Test("an empty document between separators is skipped")
    func emptyDocument() throws {
        let table = try documentTable("""
            ---
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: foo-route}
            spec:
              rules:
              - backendRefs: [{name: foo-v1}]
            """)

        #expect(table.routes.count == 1)
    }

    @Test("an error names the source, the document counted from 1 and the path inside it")
    func errorWithDocumentAndPath() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: ok}
                spec:
                  rules:
                  - backendRefs: [{name: foo-v1}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: bad}
                spec:
                  rules:
                  - backendRefs:
                    - {name: foo-v1, weight: 90}
                    - {name: foo-v2, weight: "10"}
                """)
        }

        #expect(error.location == .document(2, path: "spec.rules[0].backendRefs[1].weight"))
        #expect(error.description
            == #"routes.yaml: document 2: spec.rules[0].backendRefs[1].weight: weight must be an integer 0…1000000, found "10""#)
    }

    @Test("malformed YAML is reported with its line and column")
    func malformedYAML() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: foo-route
                spec: {}
                """)
        }

        guard case .text(let line, _, _)? = error.location else {
            Issue.record("expected a text position, found \(String(describing: error.location))")
            return
        }
        #expect(line >= 3)
        #expect(error.problem.hasPrefix("not valid YAML"))
    }

    @Test("a Kubernetes object without a name is reported at metadata.name")
    func missingName() throws {
        let error = try #require(throws: RouteConfigError.self) {
            try documentTable("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {namespace: web}
                spec: {rules: [{backendRefs: [{name: foo-v1}]}]}
                """)
        }

        #expect(error.location == .document(1, path: "metadata.name"))
    }

    @Test("an empty source is reported as empty")
    func emptySource() throws {
        let error = try #require(throws: RouteConfigError.self) { try documentTable("  \n") }

        #expect(error.location == nil)
        #expect(error.problem.hasPrefix("the source is empty"))
    }
}

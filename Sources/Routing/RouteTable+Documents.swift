package import Foundation

extension RouteTable {
    /// Decodes routes from JSON or YAML, detecting each document's kind.
    ///
    /// Reads, in any mix:
    /// - App Mesh route JSON, in every shape ``init(appMeshJSON:source:)`` accepts;
    /// - Gateway API [`HTTPRoute`](https://gateway-api.sigs.k8s.io/api-types/httproute/) and
    ///   [`GRPCRoute`](https://gateway-api.sigs.k8s.io/api-types/grpcroute/) resources: one route per rule, named
    ///   `httproute/<namespace>/<name>/rule/<index>` as Envoy Gateway names its clusters;
    /// - several YAML documents separated by `---`, and `List` objects (`kubectl get -o yaml`) of any of these.
    ///
    /// ```swift
    /// let table = try RouteTable(documents: Data("""
    ///     apiVersion: gateway.networking.k8s.io/v1
    ///     kind: HTTPRoute
    ///     metadata: {name: foo-route}
    ///     spec:
    ///       rules:
    ///       - backendRefs: [{name: foo-v1, port: 8080, weight: 90}, {name: foo-v2, port: 8080, weight: 10}]
    ///     """.utf8), source: "routes.yaml")
    /// ```
    ///
    /// - Parameters:
    ///   - data: JSON (starting with `{` or `[`) or YAML text, UTF-8.
    ///   - source: the name used in errors and in ``Route/origin``, usually the file name.
    /// - Throws: ``RouteConfigError`` naming `source`, the document (counted from 1) and the path inside it, e.g.
    ///   `routes.yaml: document 2: spec.rules[0].backendRefs[1].weight: weight must be an integer 0…1000000, found -1`;
    ///   in JSON the JSON path; in malformed text the line and column.
    package init(documents data: Data, source: String) throws(RouteConfigError) {
        var loader = RouteDocumentLoader()
        try loader.load(data, source: source)
        try self.init(loader.routes)
    }
}

/// Finds the OpenAPI operation a logged request was for, so requests can be grouped as `GET /orders/{id}`
/// instead of by raw path.
///
/// ```swift
/// let matcher = try OperationMatcher(specs: [shop])
/// matcher.operation(method: "GET", authority: "shop.example.com", path: "/orders/10442?expand=items")?.displayName
/// // "GET /orders/{id}"
/// ```
///
/// - The path is matched as logged, without its query string; a single trailing slash is ignored
///   (`/orders/` is `/orders`), and escapes are decoded only to compare a segment with literal text.
/// - Of the templates that match, the one with the most literal segments wins, so concrete paths
///   (`/orders/mine`) win over templated ones (`/orders/{id}`), as the
///   [Paths Object](https://spec.openapis.org/oas/v3.1.0#paths-object) requires; a variable matches
///   one non-empty segment.
/// - Only templates with an operation for the request's method take part, as in the servers behind
///   them: `DELETE /orders/mine` is `DELETE /orders/{id}` when `/orders/mine` has only `get`. A request
///   whose method no matching path has matches nothing; methods are case-sensitive.
/// - A document scoped to an authority is the only one consulted for requests to that host; unscoped
///   documents serve every other authority. Documents in one scope are merged, each under its servers'
///   path prefixes, and may not declare the same operation twice.
///
/// Matching walks a hand-written segment trie; ``SegmentTrie`` says why.
///
/// The path comes from `%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%`, the authority from `%REQ(:AUTHORITY)%`
/// ([Envoy command operators](https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage)).
package struct OperationMatcher: Sendable {
    private let trie: SegmentTrie
    private let operations: [OpenAPIOperation]
    /// The root for authorities no document is scoped to, or -1.
    private let unscopedRoot: Int32
    /// Lower-cased host names and their roots.
    private let scopedRoots: [(hostname: [UInt8], root: Int32)]

    /// Merges documents; throws when two documents in one scope, or one document twice, declare an
    /// operation for the same method and the same requests (`/orders/{id}` and `/orders/{orderId}`).
    package init(specs: [OpenAPISpec]) throws(OpenAPISpecError) {
        var builder = SegmentTrie.Builder()
        var operations: [OpenAPIOperation] = []
        var origins: [(spec: OpenAPISpec, declaration: OperationDeclaration)] = []
        var unscopedRoot: Int32 = -1
        var scopedRoots: [(hostname: [UInt8], root: Int32)] = []
        for spec in specs {
            let root: Int32
            if let authority = spec.authority {
                let hostname = Authority.hostname(of: authority)
                if let scope = scopedRoots.first(where: { $0.hostname == hostname }) {
                    root = scope.root
                } else {
                    root = builder.addRoot()
                    scopedRoots.append((hostname, root))
                }
            } else {
                if unscopedRoot < 0 { unscopedRoot = builder.addRoot() }
                root = unscopedRoot
            }
            for declaration in spec.declarations {
                let index = Int32(operations.count)
                if let existing = builder.insert(declaration.template, method: declaration.method, operation: index, under: root) {
                    throw Self.conflict(between: origins[Int(existing)], and: (spec, declaration))
                }
                operations.append(declaration.operation)
                origins.append((spec, declaration))
            }
        }
        self.trie = builder.build()
        self.operations = operations
        self.unscopedRoot = unscopedRoot
        self.scopedRoots = scopedRoots
    }

    /// The operation a request was for, or `nil` when no document declares one for its method and path.
    ///
    /// - Parameters:
    ///   - method: the request method as logged, `GET`.
    ///   - authority: the `:authority` as logged, with or without port; empty when not logged.
    ///   - path: the path as logged, query string included.
    package func operation(method: String, authority: String, path: String) -> OpenAPIOperation? {
        var (method, authority, path) = (method, authority, path)
        return method.withUTF8 { method in
            authority.withUTF8 { authority in
                path.withUTF8 { path in
                    operation(
                        method: UnsafeRawBufferPointer(method), authority: UnsafeRawBufferPointer(authority),
                        path: UnsafeRawBufferPointer(path)
                    )
                }
            }
        }
    }

    /// The operation a request was for, from the bytes of a parsed log line, without building strings:
    /// the call ingest makes for every line.
    package func operation(
        method: UnsafeRawBufferPointer, authority: UnsafeRawBufferPointer, path: UnsafeRawBufferPointer
    ) -> OpenAPIOperation? {
        guard let method = OperationMethod(logged: method), let path = RequestPath(path) else { return nil }
        let root = root(for: authority)
        guard root >= 0, let index = trie.operation(from: root, method: method, path: path) else { return nil }
        return operations[Int(index)]
    }

    private func root(for authority: UnsafeRawBufferPointer) -> Int32 {
        guard !scopedRoots.isEmpty else { return unscopedRoot }
        let hostname = Authority.hostname(in: authority)
        return scopedRoots.first { Authority.hostname(hostname, equals: $0.hostname) }?.root ?? unscopedRoot
    }

    private static func conflict(
        between first: (spec: OpenAPISpec, declaration: OperationDeclaration),
        and second: (spec: OpenAPISpec, declaration: OperationDeclaration)
    ) -> OpenAPISpecError {
        let earlier = first.declaration
        let place = first.spec.source == second.spec.source ? "" : "\(first.spec.source), "
        return OpenAPISpecError(
            source: second.spec.source, path: second.declaration.path.description, line: second.declaration.line,
            column: second.declaration.column,
            problem: "\(second.declaration.operation.displayName) matches the same requests as \(earlier.operation.displayName) "
                + "(\(place)\(earlier.path)); remove one, or scope the documents to different authorities"
        )
    }
}

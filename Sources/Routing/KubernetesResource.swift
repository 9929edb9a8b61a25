import Foundation

/// The parts of a Kubernetes object every route resource has: its type, name and namespace.
///
/// ```yaml
/// apiVersion: gateway.networking.k8s.io/v1
/// kind: HTTPRoute
/// metadata: {name: foo-route, namespace: default, creationTimestamp: "2026-11-02T09:30:00Z"}
/// ```
struct KubernetesResource {
    /// The API group of `apiVersion` (`gateway.networking.k8s.io`), empty for the core group (`v1`).
    let group: String
    let kind: String
    let name: String
    /// `metadata.namespace`, or `default` as `kubectl apply` assumes when a manifest leaves it out.
    let namespace: String
    /// `metadata.creationTimestamp` in seconds since 1970, when present (`kubectl get` output has it).
    let createdAt: Int?
    /// The whole object.
    let fields: [String: JSONValue]
    /// Where the object is: `$` for a document, `items[3]` inside a `List`.
    let path: JSONPath

    /// `nil` when `fields` has no `apiVersion` and `kind`, so it is not a Kubernetes object.
    init?(_ fields: [String: JSONValue], at path: JSONPath, reader: some RouteDocumentReader) throws(RouteConfigError) {
        guard fields["apiVersion"] != nil || fields["kind"] != nil else { return nil }
        let apiVersion = try reader.requiredString("apiVersion", in: fields, at: path)
        kind = try reader.requiredString("kind", in: fields, at: path)
        group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
        self.fields = fields
        self.path = path
        let metadataPath = path.appending("metadata")
        let metadata = try reader.optional("metadata", in: fields, at: path) { (value, path) throws(RouteConfigError) in
            try reader.object(value, at: path, expected: "a metadata object with a name")
        } ?? [:]
        if kind.hasSuffix("List") {
            name = ""
            namespace = ""
            createdAt = nil
            return
        }
        name = try reader.requiredString("name", in: metadata, at: metadataPath)
        namespace = try reader.optionalString("namespace", in: metadata, at: metadataPath) ?? "default"
        switch metadata["creationTimestamp"] {
        case nil, .null?:
            createdAt = nil
        case .string(let text)? where ISO8601DateFormatter().date(from: text) != nil:
            createdAt = ISO8601DateFormatter().date(from: text).map { Int($0.timeIntervalSince1970) }
        case let value?:
            throw reader.error(at: metadataPath.appending("creationTimestamp"),
                               "creationTimestamp must be an RFC 3339 time such as 2026-11-02T09:30:00Z, found \(value.summary)")
        }
    }
}

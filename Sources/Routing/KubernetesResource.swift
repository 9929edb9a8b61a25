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

    /// The API group and kind of `fields`, or `nil` when it has no `apiVersion` and `kind`, so it is not a
    /// Kubernetes object. Read before the rest, so objects of kinds that are not routes need no more than these.
    static func type(
        of fields: [String: JSONValue], at path: JSONPath, reader: some RouteDocumentReader
    ) throws(RouteConfigError) -> (group: String, kind: String)? {
        guard fields["apiVersion"] != nil || fields["kind"] != nil else { return nil }
        let apiVersion = try reader.requiredString("apiVersion", in: fields, at: path)
        let kind = try reader.requiredString("kind", in: fields, at: path)
        return (apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : "", kind)
    }

    init(
        _ fields: [String: JSONValue], type: (group: String, kind: String), at path: JSONPath, reader: some RouteDocumentReader
    ) throws(RouteConfigError) {
        (group, kind) = type
        self.fields = fields
        self.path = path
        let metadataPath = path.appending("metadata")
        let metadata = try reader.object(fields["metadata"] ?? .null, at: metadataPath, expected: "a metadata object with a name")
        name = try reader.requiredString("name", in: metadata, at: metadataPath)
        namespace = try reader.optionalString("namespace", in: metadata, at: metadataPath) ?? "default"
        switch metadata["creationTimestamp"] {
        case nil, .null?:
            createdAt = nil
        case let value?:
            guard case .string(let text) = value, let date = ISO8601DateFormatter().date(from: text) else {
                throw reader.error(at: metadataPath.appending("creationTimestamp"),
                                   "creationTimestamp must be an RFC 3339 time such as 2026-11-02T09:30:00Z, found \(value.summary)")
            }
            createdAt = Int(date.timeIntervalSince1970)
        }
    }
}

/// The HTTP methods a [Path Item Object](https://spec.openapis.org/oas/v3.1.0#path-item-object) can
/// hold an operation for.
enum OperationMethod: Int, CaseIterable, Sendable {
    case get, put, post, delete, options, head, patch, trace

    /// The field name in a path item: `get`.
    var fieldName: String {
        switch self {
        case .get: "get"
        case .put: "put"
        case .post: "post"
        case .delete: "delete"
        case .options: "options"
        case .head: "head"
        case .patch: "patch"
        case .trace: "trace"
        }
    }

    /// The method as requests carry it: `GET`.
    var name: String { fieldName.uppercased() }

    init?(fieldName: String) {
        guard let method = Self.allCases.first(where: { $0.fieldName == fieldName }) else { return nil }
        self = method
    }

    /// The method of a logged request. Methods are case-sensitive (RFC 9110, section 9.1), so `get` is
    /// not `GET` and matches nothing.
    init?(logged bytes: UnsafeRawBufferPointer) {
        func equals(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == bytes.count
                && name.withUTF8Buffer { name in zip(name, bytes).allSatisfy { $0 == $1 } }
        }
        switch bytes.count {
        case 3 where equals("GET"): self = .get
        case 3 where equals("PUT"): self = .put
        case 4 where equals("POST"): self = .post
        case 4 where equals("HEAD"): self = .head
        case 5 where equals("PATCH"): self = .patch
        case 5 where equals("TRACE"): self = .trace
        case 6 where equals("DELETE"): self = .delete
        case 7 where equals("OPTIONS"): self = .options
        default: return nil
        }
    }
}

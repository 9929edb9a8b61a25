/// Where a value sits in an OpenAPI document, built while reading so errors can say where they are:
/// `paths./orders/{id}.get.operationId`, `servers[0].variables.version.default`.
struct DocumentPath: Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    static let root = DocumentPath(description: "")

    let description: String

    init(description: String) {
        self.description = description
    }

    /// A path written out, such as `"info.title"`.
    init(stringLiteral description: String) {
        self.init(description: description)
    }

    var isRoot: Bool { description.isEmpty }

    func appending(_ key: String) -> DocumentPath {
        DocumentPath(description: isRoot ? key : "\(description).\(key)")
    }

    func appending(index: Int) -> DocumentPath {
        DocumentPath(description: "\(description)[\(index)]")
    }
}

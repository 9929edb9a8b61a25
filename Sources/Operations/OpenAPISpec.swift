package import Foundation

/// An [OpenAPI](https://spec.openapis.org/oas/v3.1.0) 3.0 or 3.1 document, reduced to what grouping
/// logged requests into operations needs: its title, its servers' path prefixes, its paths and the
/// operations under them.
///
/// ```swift
/// let shop = try OpenAPISpec(data: Data(contentsOf: url), source: "shop.yaml")
/// let admin = try OpenAPISpec(data: adminData, source: "admin.json", authority: "admin.example.com")
/// let matcher = try OperationMatcher(specs: [shop, admin])
/// ```
///
/// JSON and YAML are both read by libyaml, through Yams: JSON as tools write it, tab-indented and with
/// `\/` escapes included, is YAML too. Path items that are `$ref`s to another place in the same document
/// are followed; references to other files are not (bundle the document first).
package struct OpenAPISpec: Sendable {
    /// The name the caller gave the document, usually its file name; errors start with it.
    package let source: String
    /// `info.title`.
    package let title: String
    /// The authority (`Host`) this document's operations are matched for, compared without port and case;
    /// `nil` for requests to any authority that no other document is scoped to.
    package let authority: String?
    let declarations: [OperationDeclaration]

    /// Every operation the document declares, once per server path prefix, in document order.
    package var operations: [OpenAPIOperation] {
        declarations.map(\.operation)
    }

    /// Reads a document from JSON or YAML bytes.
    ///
    /// - Parameters:
    ///   - source: names the document in errors, usually its file name.
    ///   - authority: scopes the document to requests for this authority (`api.example.com`); a port is ignored.
    package init(data: Data, source: String, authority: String? = nil) throws(OpenAPISpecError) {
        if let authority, Authority.hostname(of: authority).isEmpty {
            throw OpenAPISpecError(
                source: source, path: nil, line: nil, column: nil,
                problem: "the authority to scope the document to is empty; give a host name such as api.example.com"
            )
        }
        let document = try OpenAPIDocumentReader(source: source).read(data)
        self.source = source
        self.title = document.title
        self.authority = authority
        self.declarations = document.declarations
    }
}

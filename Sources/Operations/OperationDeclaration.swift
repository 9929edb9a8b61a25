/// One operation as a document declares it: what it is reported as, the template it matches, and where
/// it is written, so a conflict between two documents can name both.
struct OperationDeclaration: Sendable {
    let operation: OpenAPIOperation
    let method: OperationMethod
    /// The server prefix's segments followed by the path's.
    let template: PathTemplate
    /// `paths./orders/{id}.get`.
    let path: DocumentPath
    let line: Int?
    let column: Int?
}

/// One operation of an OpenAPI document: what a logged request is reported under instead of its raw path.
///
/// ```swift
/// let operation = matcher.operation(method: "GET", authority: "api.example.com", path: "/v2/orders/1234?expand=items")
/// operation?.displayName   // "GET /v2/orders/{id}"
/// operation?.operationID   // "getOrder"
/// ```
///
/// See [Operation Object](https://spec.openapis.org/oas/v3.1.0#operation-object). Not named `Operation`,
/// which Foundation declares too: every module that imports both would have to qualify it.
package struct OpenAPIOperation: Sendable, Hashable {
    /// The request method in upper case, `GET`.
    package let method: String
    /// The server's path prefix followed by the `paths` key as written: `/v2/orders/{id}`.
    package let pathTemplate: String
    /// `method` and `pathTemplate`: `GET /v2/orders/{id}`.
    package let displayName: String
    /// The document's `info.title`.
    package let specTitle: String
    /// The operation's `operationId`, if it has one.
    package let operationID: String?

    init(method: OperationMethod, pathTemplate: String, specTitle: String, operationID: String?) {
        self.method = method.name
        self.pathTemplate = pathTemplate
        self.displayName = "\(method.name) \(pathTemplate)"
        self.specTitle = specTitle
        self.operationID = operationID
    }
}

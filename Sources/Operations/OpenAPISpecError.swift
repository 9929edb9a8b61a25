/// An OpenAPI document RouteLens cannot use: which source, where in it, and what is wrong or expected.
///
/// ```text
/// orders.yaml: paths./orders/{id: unbalanced "{" in segment "{id"; write a variable as {name} (line 12, column 3)
/// ```
package struct OpenAPISpecError: Error, CustomStringConvertible, Equatable {
    /// The name the caller gave the document, usually its file name.
    package let source: String
    /// The path of the offending value in the document (`paths./orders/{id}.get.operationId`,
    /// `servers[0].url`); `nil` when the problem concerns the text or the document as a whole.
    package let path: String?
    /// The 1-based line of the offending value, or of the mapping that lacks a required field.
    package let line: Int?
    /// The 1-based column, counted in Unicode scalars as libyaml counts them.
    package let column: Int?
    /// What is wrong and what is expected instead.
    package let problem: String

    package var description: String {
        var text = source
        if let path { text += ": \(path)" }
        if path == nil, let line, let column { text += ": line \(line), column \(column)" }
        text += ": \(problem)"
        if path != nil, let line, let column { text += " (line \(line), column \(column))" }
        return text
    }
}

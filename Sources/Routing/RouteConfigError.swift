/// A route definition RouteLens cannot use: which source, where in it, and what is wrong or expected.
///
/// ```text
/// routes.json: $[1].gatewayRouteSpec.httpRoute.action.weightedTargets[0].weight: weight must be an integer 0…100, found "80"
/// routes.yaml: document 2: spec.rules[0].backendRefs[1].weight: weight must be an integer 0…1000000, found -1
/// ```
package struct RouteConfigError: Error, CustomStringConvertible, Equatable {
    /// Where in the source the problem is.
    package enum Location: Sendable, Equatable, CustomStringConvertible {
        /// A JSONPath such as `$[1].gatewayRouteSpec.httpRoute.match`.
        case jsonPath(String)
        /// A path inside one document of a YAML source, `document` counted from 1: `document 2: spec.rules[0]`.
        case document(Int, path: String)
        /// A position in malformed JSON or YAML text; `column` and `byteOffset` count UTF-8 bytes, `byteOffset` from 0.
        case text(line: Int, column: Int, byteOffset: Int?)

        package var description: String {
            switch self {
            case .jsonPath(let path): path
            case .document(let document, let path) where path.isEmpty: "document \(document)"
            case .document(let document, let path): "document \(document): \(path)"
            case .text(let line, let column, let byteOffset?): "line \(line), column \(column) (byte offset \(byteOffset))"
            case .text(let line, let column, nil): "line \(line), column \(column)"
            }
        }
    }

    /// The name the caller gave the data, usually its file name.
    package let source: String
    /// `nil` when the problem concerns the source as a whole, such as an empty file.
    package let location: Location?
    /// What is wrong and what is expected instead.
    package let problem: String

    package var description: String {
        if let location { "\(source): \(location): \(problem)" } else { "\(source): \(problem)" }
    }
}

import Foundation
import Operations

/// Reads an inline JSON or YAML fixture as the CLI would read a spec file.
func spec(_ text: String, source: String = "shop.yaml", authority: String? = nil) throws(OpenAPISpecError) -> OpenAPISpec {
    try OpenAPISpec(data: Data(text.utf8), source: source, authority: authority)
}

/// A matcher over one inline fixture.
func matcher(_ text: String) throws(OpenAPISpecError) -> OperationMatcher {
    try OperationMatcher(specs: [spec(text)])
}

extension OperationMatcher {
    /// The display name of the operation a request to `shop.example.com` was for.
    func name(_ method: String, _ path: String, authority: String = "shop.example.com") -> String? {
        operation(method: method, authority: authority, path: path)?.displayName
    }
}

/// A file under the repository's `fixtures/`, found from this file's location.
func fixture(_ relativePath: String) throws -> Data {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try Data(contentsOf: repository.appendingPathComponent("fixtures").appendingPathComponent(relativePath))
}

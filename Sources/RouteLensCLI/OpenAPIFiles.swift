import ArgumentParser
import Foundation
import Operations

/// Loads `--openapi [HOST=]FILE` arguments into one operation matcher.
enum OpenAPIFiles {
    static func load(_ arguments: [String]) throws -> OperationMatcher? {
        guard !arguments.isEmpty else { return nil }
        var specs: [OpenAPISpec] = []
        for argument in arguments {
            let (authority, path) = scope(of: argument)
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw ValidationError("--openapi: cannot read \(path): \(error.localizedDescription)")
            }
            specs.append(try OpenAPISpec(data: data, source: path, authority: authority))
        }
        return try OperationMatcher(specs: specs)
    }

    /// `api.example.com=spec.yaml` scopes the document to one authority; a plain path (which may contain
    /// `=` only after a `/`) serves every authority no other document is scoped to.
    private static func scope(of argument: String) -> (authority: String?, path: String) {
        guard let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("/") else { return (nil, argument) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

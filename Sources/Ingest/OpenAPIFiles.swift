package import Operations

/// Loads `--openapi [HOST=]FILE` arguments into one operation matcher.
package enum OpenAPIFiles {
    /// The matcher of every document `arguments` name, or `nil` when none is given.
    package static func load(_ arguments: [String]) throws(ConfigurationError) -> OperationMatcher? {
        guard !arguments.isEmpty else { return nil }
        var specs: [OpenAPISpec] = []
        for argument in arguments {
            let (authority, path) = scope(of: argument)
            let data = try ConfigurationFile.read(path, option: "--openapi")
            do {
                specs.append(try OpenAPISpec(data: data, source: path, authority: authority))
            } catch {
                throw .invalidOpenAPI(error)
            }
        }
        do {
            return try OperationMatcher(specs: specs)
        } catch {
            throw .invalidOpenAPI(error)
        }
    }

    /// `api.example.com=spec.yaml` scopes the document to one authority; a plain path (which may contain
    /// `=` only after a `/`) serves every authority no other document is scoped to.
    private static func scope(of argument: String) -> (authority: String?, path: String) {
        guard let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("/") else { return (nil, argument) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}

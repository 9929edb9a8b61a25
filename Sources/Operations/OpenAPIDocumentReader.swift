import Foundation
import Yams

/// Reads the parts of an OpenAPI document that operations need, validating as it goes.
///
/// Walks the YAML node tree by hand instead of decoding `Decodable` models (or using OpenAPIKit): only
/// `openapi`, `info.title`, `servers`, `paths` and `operationId` matter, a full model would reject documents
/// for problems in schemas RouteLens never reads, and each problem has to be reported with its document
/// path and line.
struct OpenAPIDocumentReader {
    let source: String

    /// What the reader keeps of a document.
    struct Document {
        let title: String
        let declarations: [OperationDeclaration]
    }

    /// How many `$ref`s in a row a path item may go through before the chain is taken for a cycle.
    private static let referenceLimit = 16

    func read(_ data: Data) throws(OpenAPISpecError) -> Document {
        let root = try parse(data)
        guard case .mapping(let fields) = root else {
            throw error(
                at: nil, root.mark, "expected an OpenAPI document (a mapping with openapi, info and paths), found \(summary(of: root))"
            )
        }
        try checkVersion(in: fields, of: root)
        let info = try required("info", in: fields, of: root, at: .root)
        let title = try string(required("title", in: mapping(info, at: "info"), of: info, at: "info"), at: "info.title")
        let documentPrefixes = try serverPrefixes(in: fields, at: .root) ?? [ServerPrefix(text: "", template: PathTemplate(segments: []))]

        var declarations: [OperationDeclaration] = []
        guard let paths = value(forKey: "paths", in: fields) else {
            return Document(title: title, declarations: [])
        }
        for (keyNode, item) in try mapping(paths, at: "paths") {
            guard let key = keyNode.scalar?.string, !key.hasPrefix("x-") else { continue }
            let itemPath = DocumentPath.root.appending("paths").appending(key)
            let template: PathTemplate
            do {
                template = try PathTemplate(parsing: key)
            } catch {
                throw self.error(at: itemPath, keyNode.mark, error.problem)
            }
            let (resolved, resolvedPath) = try resolvingReferences(item, at: itemPath, in: root)
            let itemFields = try mapping(resolved, at: resolvedPath)
            let itemPrefixes = try serverPrefixes(in: itemFields, at: resolvedPath) ?? documentPrefixes
            for (fieldNode, operation) in itemFields {
                guard let field = fieldNode.scalar?.string, let method = OperationMethod(fieldName: field) else { continue }
                let operationPath = resolvedPath.appending(field)
                let operationFields = try mapping(operation, at: operationPath)
                let operationID = try value(forKey: "operationId", in: operationFields).map { node throws(OpenAPISpecError) in
                    try string(node, at: operationPath.appending("operationId"))
                }
                for prefix in try serverPrefixes(in: operationFields, at: operationPath) ?? itemPrefixes {
                    declarations.append(
                        OperationDeclaration(
                            operation: OpenAPIOperation(
                                method: method, pathTemplate: key == "/" && !prefix.text.isEmpty ? prefix.text : prefix.text + key,
                                specTitle: title, operationID: operationID
                            ),
                            method: method,
                            template: prefix.template + template,
                            path: operationPath,
                            line: operation.mark?.line,
                            column: operation.mark?.column
                        )
                    )
                }
            }
        }
        return Document(title: title, declarations: declarations)
    }

    // MARK: Text

    private func parse(_ data: Data) throws(OpenAPISpecError) -> Node {
        // libyaml skips a byte order mark only when it detects the encoding itself, which Yams turns off.
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let content = data.starts(with: byteOrderMark) ? data.dropFirst(byteOrderMark.count) : data[...]
        guard let text = String(validating: content, as: UTF8.self) else {
            throw error(at: nil, nil, "the document is not UTF-8 text; expected OpenAPI as JSON or YAML")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let yamlError as YamlError {
            throw syntaxError(yamlError)
        } catch {
            throw self.error(at: nil, nil, "not valid JSON or YAML: \(error)")
        }
        guard let root else {
            throw error(at: nil, nil, "the document is empty; expected an OpenAPI 3 document in JSON or YAML")
        }
        return root
    }

    private func syntaxError(_ yamlError: YamlError) -> OpenAPISpecError {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "; \($0.text) at line \($0.mark.line), column \($0.mark.column)" } ?? ""
            return error(at: nil, mark, "not valid JSON or YAML: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { #""\#($0)""# }.joined(separator: ", ")
            return error(at: nil, context.mark, "not valid JSON or YAML: \(keys) appears more than once in one mapping; keep one")
        default:
            return error(at: nil, nil, "not valid JSON or YAML: \(yamlError)")
        }
    }

    // MARK: Document fields

    private func checkVersion(in fields: Node.Mapping, of root: Node) throws(OpenAPISpecError) {
        if value(forKey: "openapi", in: fields) == nil, let swagger = value(forKey: "swagger", in: fields) {
            throw error(
                at: "swagger", swagger.mark,
                "Swagger 2.0 is not supported; convert the document to OpenAPI 3 (for example with swagger2openapi)"
            )
        }
        let version = try string(required("openapi", in: fields, of: root, at: .root), at: "openapi")
        guard version.hasPrefix("3.") else {
            throw error(
                at: "openapi", value(forKey: "openapi", in: fields)?.mark,
                #"version "\#(version)" is not supported; expected OpenAPI 3.0 or 3.1"#
            )
        }
    }

    /// A server's path prefix as written (`/v2`, `""` at the root) and as segments.
    private struct ServerPrefix {
        let text: String
        let template: PathTemplate
    }

    /// The path prefixes of a `servers` list, without duplicates, in order; `nil` when there is no list
    /// or it is empty, so the enclosing level's servers apply.
    private func serverPrefixes(in fields: Node.Mapping, at path: DocumentPath) throws(OpenAPISpecError) -> [ServerPrefix]? {
        guard let servers = value(forKey: "servers", in: fields) else { return nil }
        let serversPath = path.appending("servers")
        guard case .sequence(let list) = servers else {
            throw error(at: serversPath, servers.mark, "expected a list of servers, found \(summary(of: servers))")
        }
        var prefixes: [ServerPrefix] = []
        for (index, server) in list.enumerated() {
            let serverPath = serversPath.appending(index: index)
            let serverFields = try mapping(server, at: serverPath)
            let url = try string(required("url", in: serverFields, of: server, at: serverPath), at: serverPath.appending("url"))
            var defaults: [String: String] = [:]
            if let variables = value(forKey: "variables", in: serverFields) {
                let variablesPath = serverPath.appending("variables")
                for (nameNode, variable) in try mapping(variables, at: variablesPath) {
                    let name = try string(nameNode, at: variablesPath)
                    let variablePath = variablesPath.appending(name)
                    let variableFields = try mapping(variable, at: variablePath)
                    defaults[name] = try string(
                        required("default", in: variableFields, of: variable, at: variablePath), at: variablePath.appending("default")
                    )
                }
            }
            do {
                let prefix = try ServerURL.pathPrefix(of: url, defaults: defaults)
                if !prefixes.contains(where: { $0.text == prefix }) {
                    prefixes.append(ServerPrefix(text: prefix, template: try PathTemplate(parsing: prefix + "/")))
                }
            } catch {
                throw self.error(at: serverPath.appending("url"), value(forKey: "url", in: serverFields)?.mark, error.problem)
            }
        }
        return prefixes.isEmpty ? nil : prefixes
    }

    /// Follows a path item's `$ref` to another place in the document (`#/components/pathItems/Orders`),
    /// returning the item and its document path.
    private func resolvingReferences(_ item: Node, at path: DocumentPath, in root: Node) throws(OpenAPISpecError) -> (Node, DocumentPath) {
        var item = item
        var path = path
        for _ in 0..<Self.referenceLimit {
            guard case .mapping(let fields) = item, let reference = value(forKey: "$ref", in: fields) else {
                return (item, path)
            }
            let referencePath = path.appending("$ref")
            let pointer = try string(reference, at: referencePath)
            guard pointer.hasPrefix("#") else {
                throw error(
                    at: referencePath, reference.mark,
                    "\(pointer) is in another file, which is not read; "
                        + "bundle the document into one file first (for example with redocly bundle)"
                )
            }
            guard let (target, targetPath) = self.node(at: pointer, in: root) else {
                throw error(at: referencePath, reference.mark, "\(pointer) does not exist in this document")
            }
            item = target
            path = targetPath
        }
        throw error(at: path, item.mark, "more than \(Self.referenceLimit) $refs in a row; is there a cycle?")
    }

    /// The node a JSON Pointer fragment (RFC 6901) such as `#/components/pathItems/Orders` names.
    private func node(at pointer: String, in root: Node) -> (Node, DocumentPath)? {
        var node = root
        var path = DocumentPath.root
        let tokens = pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for token in tokens {
            let decoded = String(decoding: PercentDecoding.decode(token), as: UTF8.self)
            let key = decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .mapping(let fields):
                guard let next = value(forKey: key, in: fields) else { return nil }
                node = next
                path = path.appending(key)
            case .sequence(let items):
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                node = items[index]
                path = path.appending(index: index)
            default:
                return nil
            }
        }
        return (node, path)
    }

    // MARK: Values

    private func value(forKey key: String, in fields: Node.Mapping) -> Node? {
        fields.first { $0.key.scalar?.string == key }?.value
    }

    private func required(_ key: String, in fields: Node.Mapping, of node: Node, at path: DocumentPath) throws(OpenAPISpecError) -> Node {
        guard let value = value(forKey: key, in: fields) else {
            throw error(at: path.appending(key), node.mark, "missing; \(Self.expectation(of: key))")
        }
        return value
    }

    private static func expectation(of key: String) -> String {
        switch key {
        case "openapi": #"expected the OpenAPI version, such as "3.1.0""#
        case "info": "expected an info object with a title"
        case "title": "expected the API's title"
        case "url": "expected the server's URL, such as https://api.example.com/v2"
        case "default": "expected the value the server variable takes"
        default: "expected \(key)"
        }
    }

    private func mapping(_ node: Node, at path: DocumentPath) throws(OpenAPISpecError) -> Node.Mapping {
        guard case .mapping(let fields) = node else {
            throw error(at: path, node.mark, "expected a mapping (an object), found \(summary(of: node))")
        }
        return fields
    }

    private func string(_ node: Node, at path: DocumentPath) throws(OpenAPISpecError) -> String {
        guard case .scalar(let scalar) = node, node.null == nil else {
            throw error(at: path, node.mark, "expected a string, found \(summary(of: node))")
        }
        return scalar.string
    }

    private func summary(of node: Node) -> String {
        switch node {
        case .scalar where node.null != nil: "null"
        case .scalar(let scalar): #""\#(scalar.string)""#
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func error(at path: DocumentPath?, _ mark: Mark?, _ problem: String) -> OpenAPISpecError {
        OpenAPISpecError(
            source: source, path: path.flatMap { $0.isRoot ? nil : $0.description }, line: mark?.line, column: mark?.column,
            problem: problem
        )
    }
}

/// Reads values out of a route document and reports each problem with its source, document and path.
///
/// Shared by the decoders of every route format: each problem says where it is and what is expected,
/// which `Decodable` models cannot do (see ``AppMeshRouteDecoder``).
protocol RouteDocumentReader {
    /// The name the caller gave the data, usually its file name.
    var source: String { get }
    /// The YAML document (counted from 1) being read, or `nil` for a JSON source, whose paths start at `$`.
    var document: Int? { get }
}

extension RouteDocumentReader {
    func error(at path: JSONPath, _ problem: String) -> RouteConfigError {
        let location: RouteConfigError.Location = if let document {
            .document(document, path: path.relativeDescription)
        } else {
            .jsonPath(path.description)
        }
        return RouteConfigError(source: source, location: location, problem: problem)
    }

    /// Where a route named at `path` was defined.
    func origin(of path: JSONPath) -> Route.Origin {
        if let document {
            Route.Origin(source: source, jsonPath: RouteConfigError.Location.document(document, path: path.relativeDescription).description)
        } else {
            Route.Origin(source: source, jsonPath: path.description)
        }
    }

    func object(_ value: JSONValue, at path: JSONPath, expected: String) throws(RouteConfigError) -> [String: JSONValue] {
        guard case .object(let fields) = value else { throw error(at: path, "expected \(expected), found \(value.summary)") }
        return fields
    }

    func array(_ value: JSONValue, at path: JSONPath, expected: String) throws(RouteConfigError) -> [JSONValue] {
        guard case .array(let items) = value else { throw error(at: path, "expected \(expected), found \(value.summary)") }
        return items
    }

    /// The value at `key` decoded by `decode`, or `nil` when the key is absent.
    func optional<Value>(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath,
        _ decode: (JSONValue, JSONPath) throws(RouteConfigError) -> Value
    ) throws(RouteConfigError) -> Value? {
        guard let value = fields[key] else { return nil }
        return try decode(value, path.appending(key))
    }

    /// Exactly one of `keys` must be present, as union types (App Mesh's, Istio's `StringMatch`) require.
    func singleMember(
        of keys: [String], in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> (String, JSONValue) {
        let present = keys.filter { fields[$0] != nil }
        guard present.count == 1, let key = present.first, let value = fields[key] else {
            let found = present.isEmpty ? "none" : present.joined(separator: " and ")
            throw error(at: path, "expected exactly one of \(keys.joined(separator: ", ")), found \(found)")
        }
        return (key, value)
    }

    func string(_ value: JSONValue, at path: JSONPath, named name: String) throws(RouteConfigError) -> String {
        guard case .string(let text) = value, !text.isEmpty else {
            throw error(at: path, "\(name) must be a non-empty string, found \(value.summary)")
        }
        return text
    }

    /// A Kubernetes label map, such as `metadata.labels` or an Istio subset's `labels`: names to string values.
    func labels(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> [String: String] {
        var labels: [String: String] = [:]
        for (name, item) in try object(value, at: path, expected: "a mapping of label names to values") {
            guard case .string(let text) = item else {
                throw error(at: path.appending(name), "label \(name) must be a string (quote numbers and booleans: \"1\"), found \(item.summary)")
            }
            labels[name] = text
        }
        return labels
    }

    func requiredString(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> String {
        guard let value = fields[key] else { throw error(at: path.appending(key), "missing \(key): expected a non-empty string") }
        return try string(value, at: path.appending(key), named: key)
    }

    func optionalString(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> String? {
        guard let value = fields[key] else { return nil }
        return try string(value, at: path.appending(key), named: key)
    }

    func optionalBool(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath
    ) throws(RouteConfigError) -> Bool? {
        guard let value = fields[key] else { return nil }
        guard case .bool(let flag) = value else { throw error(at: path.appending(key), "\(key) must be true or false, found \(value.summary)") }
        return flag
    }

    func requiredInteger(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath, within bounds: ClosedRange<Int>? = nil
    ) throws(RouteConfigError) -> Int {
        guard let value = try optionalInteger(key, in: fields, at: path, within: bounds) else {
            throw error(at: path.appending(key), "missing \(key): expected \(Self.integerDescription(within: bounds))")
        }
        return value
    }

    func optionalInteger(
        _ key: String, in fields: [String: JSONValue], at path: JSONPath, within bounds: ClosedRange<Int>?
    ) throws(RouteConfigError) -> Int? {
        guard let value = fields[key] else { return nil }
        guard case .integer(let number) = value, bounds?.contains(number) ?? true else {
            throw error(at: path.appending(key), "\(key) must be \(Self.integerDescription(within: bounds)), found \(value.summary)")
        }
        return number
    }

    static func integerDescription(within bounds: ClosedRange<Int>?) -> String {
        bounds.map { "an integer \($0.lowerBound)…\($0.upperBound)" } ?? "an integer"
    }

    func regex(_ value: JSONValue, at path: JSONPath) throws(RouteConfigError) -> RegexPattern {
        let pattern = try string(value, at: path, named: "regex")
        do {
            return try RegexPattern(pattern)
        } catch {
            throw self.error(at: path, "invalid regular expression \"\(pattern)\": \(error)")
        }
    }
}

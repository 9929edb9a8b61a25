import Yams

extension JSONValue {
    /// The value of a YAML node, with scalars typed by the YAML 1.1 core schema Kubernetes uses:
    /// `80` is an integer, `"80"` a string, `true` a boolean. Timestamps and other tags stay strings.
    /// Mapping keys are read as their text: Kubernetes resources only have string keys.
    ///
    /// Converted node by node instead of decoded with Yams' `YAMLDecoder`, so that YAML documents go through the
    /// same path-aware validation as JSON ones (see ``RouteDocumentReader``).
    init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: self = .null
            case .bool: self = node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: self = node.int.map(JSONValue.integer) ?? .string(scalar.string)
            case .float: self = node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: self = .string(scalar.string)
            }
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping {
                fields[key.string ?? "\(key)"] = JSONValue(yaml: value)
            }
            self = .object(fields)
        case .sequence(let sequence):
            self = .array(sequence.map(JSONValue.init(yaml:)))
        case .alias:
            // Yams' parser replaces each alias by the node its anchor names, so composed documents hold none.
            self = .null
        }
    }
}

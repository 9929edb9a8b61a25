/// A JSONPath to a value inside a route document, built while decoding so errors can say where they are.
struct JSONPath: Sendable, CustomStringConvertible {
    private enum Component {
        case key(String)
        case index(Int)
    }

    private var components: [Component] = []

    static let root = JSONPath()

    func appending(_ key: String) -> JSONPath {
        var path = self
        path.components.append(.key(key))
        return path
    }

    func appending(index: Int) -> JSONPath {
        var path = self
        path.components.append(.index(index))
        return path
    }

    /// The path without the leading `$`, as errors show it inside a YAML document: `spec.rules[0].matches`.
    var relativeDescription: String {
        let text = description.dropFirst()
        return String(text.hasPrefix(".") ? text.dropFirst() : text)
    }

    var description: String {
        components.reduce(into: "$") { text, component in
            switch component {
            case .key(let key): text += ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
    }
}

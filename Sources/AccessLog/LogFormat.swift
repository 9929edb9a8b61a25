/// A compiled access-log format: a text format string or a JSON key mapping, ready to parse lines.
///
/// ```swift
/// let format = try LogFormat(formatString: FormatPreset.envoy.formatString!)
/// let parser = LineParser(format: format)
/// ```
package struct LogFormat: Sendable {
    enum Layout: Sendable {
        case text(TextLayout)
        case json(JSONLayout)
    }

    /// The preset name, or `custom`.
    package var name: String
    let layout: Layout
    /// Names of the operators or keys RouteLens keeps as extra fields, in slot order.
    let extraNames: [String]

    var slotCount: Int { AccessLogField.allCases.count + extraNames.count }

    /// Compiles an Envoy text format string, such as the `format:` of an Envoy, Istio or App Mesh config.
    package init(formatString: String, name: String = "custom") throws(FormatStringError) {
        var extraNames: [String] = []
        layout = .text(try TextLayout(FormatString(formatString), extraNames: &extraNames))
        self.extraNames = extraNames
        self.name = name
    }

    /// Compiles a JSON-lines format from Envoy `json_format` pairs of key and operator, such as
    /// `("response_code", "%RESPONSE_CODE%")`.
    ///
    /// See <https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#format-dictionaries>.
    package init(jsonKeys keys: [(key: String, format: String)], name: String = "custom-json") throws(JSONFormatError) {
        var extraNames: [String] = []
        layout = .json(try JSONLayout(keys: keys, extraNames: &extraNames))
        self.extraNames = extraNames
        self.name = name
    }

    /// The compiled format of a preset.
    package init(preset: FormatPreset) {
        do {
            switch preset.definition {
            case .text(let formatString): try self.init(formatString: formatString, name: preset.rawValue)
            case .json(let keys): try self.init(jsonKeys: keys, name: preset.rawValue)
            }
        } catch {
            preconditionFailure("preset \(preset.rawValue) does not compile: \(error)")
        }
    }

    package var isJSON: Bool {
        if case .json = layout { return true }
        return false
    }
}

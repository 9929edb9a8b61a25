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
    /// What each line of the file is wrapped in, outermost first, as detected from its sample.
    package var wrappers: [LineWrapper] = []
    /// The slots of fields found after a preset's last field (``init(preset:trailingFields:)``).
    let trailingSlots: Range<Int>

    var slotCount: Int { AccessLogField.allCases.count + extraNames.count }

    /// Compiles an Envoy text format string, such as the `format:` of an Envoy, Istio or App Mesh config.
    package init(formatString: String, name: String = "custom") throws(FormatStringError) {
        var extraNames: [String] = []
        layout = .text(try TextLayout(FormatString(formatString), extraNames: &extraNames))
        self.extraNames = extraNames
        self.name = name
        trailingSlots = 0..<0
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
        trailingSlots = 0..<0
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

    /// A text preset followed by `count` space-separated fields it does not name, as users write when
    /// they append operators to a default (App Mesh and Kuma users add `%UPSTREAM_CLUSTER%`, OpenShift
    /// and Istio variants add addresses). The values are kept as extras `trailing_1`, `trailing_2`, …; one
    /// shaped like an Envoy cluster name is also the upstream cluster. `nil` for the JSON preset.
    package init?(preset: FormatPreset, trailingFields count: Int) {
        guard let formatString = preset.formatString, count > 0 else { return nil }
        var text = formatString
        if text.hasSuffix(#"\n"#) { text.removeLast(2) }
        for index in 1...count { text += " %TRAILING_\(index)%" }
        let plural = count == 1 ? "field" : "fields"
        guard let format = try? LogFormat(formatString: text, name: "\(preset.rawValue) + \(count) trailing \(plural)") else {
            return nil
        }
        let first = AccessLogField.allCases.count + format.extraNames.count - count
        name = format.name
        layout = format.layout
        extraNames = format.extraNames.dropLast(count) + (1...count).map { "trailing_\($0)" }
        trailingSlots = first..<(first + count)
    }

    package var isJSON: Bool {
        if case .json = layout { return true }
        return false
    }
}

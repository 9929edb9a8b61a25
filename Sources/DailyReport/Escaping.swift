/// Escapes user strings (route and target names come from user configuration) for the report's formats.
enum Escaping {
    /// Text or attribute value in HTML and SVG: `&`, `<`, `>`, `"` and `'` as character references, so no name
    /// can open a tag, close an attribute or start a script.
    static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Text in GitHub-flavoured Markdown, table cells included: HTML is escaped as in ``html(_:)`` (GitHub renders
    /// inline HTML), Markdown's emphasis, code, link and table punctuation with a backslash (the renderers never
    /// start a line with a name, so line-start markers such as `#` and `-` need none), and line breaks become spaces (a break would end a
    /// table row or a list item).
    static func markdown(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&", "<", ">", "\"", "'": escaped += html(String(character))
            case "\\", "`", "*", "_", "[", "]", "|", "~": escaped += "\\" + String(character)
            case "\n", "\r", "\r\n": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

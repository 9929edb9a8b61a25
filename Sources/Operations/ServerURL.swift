/// The path prefix a [Server Object](https://spec.openapis.org/oas/v3.1.0#server-object) puts in front of
/// every path: `https://api.example.com/v2` → `/v2`.
///
/// Parsed by hand rather than with `URL`, which rejects the `{variable}` templates server URLs contain
/// and would percent-encode the path.
enum ServerURL {
    /// The prefix without a trailing slash, `""` for a server at the root.
    ///
    /// Variables take their `default`. A relative URL (`/v2`, `v2`) is taken from the root: where the
    /// document itself is served is not known here.
    static func pathPrefix(of url: String, defaults: [String: String]) throws(Malformed) -> String {
        let expanded = try substituting(defaults, in: url)
        var rest = Substring(expanded)
        if let schemeEnd = rest.firstRange(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
        if rest == "." { rest = "" }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { return "" }
        return rest.hasPrefix("/") ? String(rest) : "/" + rest
    }

    private static func substituting(_ defaults: [String: String], in url: String) throws(Malformed) -> String {
        var result = ""
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Malformed(problem: #"unbalanced "{" in "\#(url)"; write a server variable as {name}"#)
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = defaults[name] else {
                throw Malformed(problem: #"variable {\#(name)} is not defined; add it under "variables" with a "default""#)
            }
            result += rest[..<open] + value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

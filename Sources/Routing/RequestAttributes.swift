/// The parts of one logged request that routes match on.
///
/// ```swift
/// let request = RequestAttributes(method: "GET", authority: "shop.example.com:8443",
///                                 path: "/orders/42?expand=items", headers: ["x-canary": "1"])
/// let route = table.route(matching: request)
/// ```
///
/// The values come from an Envoy access log
/// ([command operators](https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage)
/// `%REQ(:METHOD)%`, `%REQ(:AUTHORITY)%`, `%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%` and any `%REQ(header)%` the log format records).
package struct RequestAttributes: Sendable, Equatable {
    package let method: String
    /// The `:authority` (`Host`) as logged, possibly with a port.
    package let authority: String
    /// The path as logged, including any query string.
    package let path: String
    /// Header values by lower-cased name.
    private let headers: [String: String]

    /// `path` up to the first `?`.
    let pathWithoutQuery: Substring
    /// The text after the first `?` of `path`, if any.
    private let query: Substring?

    /// - Parameter headers: the request headers the access log recorded; names are case-insensitive.
    package init(method: String, authority: String, path: String, headers: [String: String] = [:]) {
        self.method = method
        self.authority = authority
        self.path = path
        self.headers = headers.isEmpty ? [:] : Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        // Searching the UTF-8 view: this runs once per ingested line, and `?` is ASCII.
        if let questionMark = path.utf8.firstIndex(of: UInt8(ascii: "?")) {
            pathWithoutQuery = path[..<questionMark]
            query = path[path.utf8.index(after: questionMark)...]
        } else {
            pathWithoutQuery = path[...]
            query = nil
        }
    }

    /// `authority` lower-cased, without its port; computed only for routes with a hostname condition.
    var hostname: String {
        Self.hostname(fromAuthority: authority)
    }

    /// The recorded value of a header, or `nil` when the log did not record it. The pseudo-headers `:method` and
    /// `:authority` are the request's method and authority, as Envoy's header matchers see them.
    func header(lowercasedName name: String) -> String? {
        switch name {
        case ":method": method
        case ":authority": authority
        default: headers[name]
        }
    }

    /// The value of the first `name=value` (or bare `name`, value empty) pair of the query string.
    ///
    /// Scanned by hand rather than with `URLComponents`, which would percent-decode, needs a full URL,
    /// and allocates on every logged request; App Mesh conditions are compared with the text as logged.
    func firstQueryValue(named name: String) -> Substring? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            if let equals = pair.firstIndex(of: "=") {
                if pair[..<equals] == name { return pair[pair.index(after: equals)...] }
            } else if pair == name {
                return pair[pair.endIndex...]
            }
        }
        return nil
    }

    /// Removes the port from `host:port` and `[ipv6]:port`; a bare IPv6 address keeps its colons.
    private static func hostname(fromAuthority authority: String) -> String {
        let host: Substring
        if authority.hasPrefix("["), let closingBracket = authority.firstIndex(of: "]") {
            host = authority[...closingBracket]
        } else if let colon = authority.firstIndex(of: ":"), authority.lastIndex(of: ":") == colon {
            host = authority[..<colon]
        } else {
            host = authority[...]
        }
        return host.lowercased()
    }
}

extension RequestMatch {
    /// Whether `request` meets every condition of this match.
    func matches(_ request: RequestAttributes) -> Bool {
        if let method, method != request.method { return false }
        if let prefix, !request.pathWithoutQuery.utf8.starts(with: prefix.utf8) { return false }
        if let path, !path.matches(request.pathWithoutQuery) { return false }
        if let hostname, !hostname.matches(request.hostname) { return false }
        for header in headers where !header.matches(request.header(lowercasedName: header.name)) { return false }
        for parameter in queryParameters where !parameter.matches(request.firstQueryValue(named: parameter.name)) {
            return false
        }
        return true
    }

    /// How specific the path condition is: exact paths first, then regex paths, then prefixes
    /// longest first, then matches without a path condition. Smaller sorts first.
    var pathSpecificity: (rank: Int, negatedPrefixLength: Int) {
        switch path {
        case .exact: return (0, 0)
        case .regex: return (1, 0)
        case .segmentPrefix(let prefix): return (2, -prefix.count)
        case nil: return prefix.map { (2, -$0.count) } ?? (3, 0)
        }
    }
}

extension RequestMatch.PathMatch {
    fileprivate func matches(_ path: Substring) -> Bool {
        switch self {
        case .exact(let expected): path == expected
        case .segmentPrefix(let prefix):
            Self.path(path, startsWithSegmentsOf: prefix.hasSuffix("/") ? prefix.dropLast() : prefix[...])
        case .regex(let regex): regex.wholeMatches(path)
        }
    }

    private static func path(_ path: Substring, startsWithSegmentsOf prefix: Substring) -> Bool {
        guard path.utf8.starts(with: prefix.utf8) else { return false }
        let rest = path.utf8.dropFirst(prefix.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }
}

extension RequestMatch.HostnameMatch {
    fileprivate func matches(_ hostname: String) -> Bool {
        switch self {
        case .exact(let expected): hostname == expected
        case .suffix(let suffix): hostname.hasSuffix(suffix)
        }
    }
}

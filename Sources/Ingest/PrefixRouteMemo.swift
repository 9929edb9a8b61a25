#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Routing
import RequestBatches

/// Remembers which configured route requests matched, for route tables whose conditions are on the method, the host
/// name, headers and the path (prefixes, exact paths, Gateway API segment prefixes, regular expressions), as most are.
///
/// For such a table the route a request matches depends only on its method, its authority and which of the table's
/// path conditions its path meets; header conditions see no logged header, except `:method` and `:authority`, which
/// the method and authority decide, and so always answer the same. That triple is the key: a key seen before is
/// answered from memory, a new one by `RouteTable.route(matching:)` itself, so attribution is unchanged.
/// Hand-written because matching builds three `String`s and walks the table for every line, about a sixth of the
/// reading thread's time, while a log has a few dozen distinct keys. A regular expression is only run on paths that
/// start with its literal prefix (`/api/v` of `/api/v[0-9]+/.*`), so an exact `/health` route or one regex route
/// does not make every line pay for a full match.
struct PrefixRouteMemo {
    /// One path condition of the table; a key has one bit per condition, set when the path meets it.
    /// One path condition of the table. A struct of plain fields rather than an enum with payloads: the memo tests
    /// every condition on every line, and binding an enum's array payloads retained and released them each time
    /// (5% of ingest with the benchmark's mixed routes).
    private struct PathCondition {
        enum Kind {
            case prefix
            case exact
            /// Gateway API `PathPrefix`, its trailing `/` removed: the path continues with `/` or ends.
            case segmentPrefix
            /// `bytes` is the literal prefix every match starts with.
            case regex
        }

        var kind: Kind
        var bytes: [UInt8]
        var regex: RegexPattern?
    }

    private let conditions: [PathCondition]
    /// Method and authority bytes, as small ids.
    private var names = LabelDictionary()
    /// The index in the table of the route each key matched, -1 for none.
    private var routeIndexByKey: [Key: Int] = [:]

    private struct Key: Hashable {
        var method: Int32
        var authority: Int32
        var conditions: UInt64
    }

    /// Past this many distinct keys the memory starts over, so hostile logs cost lookups, not memory.
    private static let capacity = 1 << 16

    /// `nil` when some route has a query parameter condition (the query string would have to be part of the key), or
    /// when the table has more than 64 distinct path conditions.
    init?(routes: RouteTable) {
        let alternatives = routes.routes.flatMap(\.matches)
        guard alternatives.allSatisfy({ $0.queryParameters.isEmpty }) else { return nil }
        var conditions: [PathCondition] = []
        var seen = Set<String>()
        func add(_ key: String, _ condition: PathCondition) {
            if seen.insert(key).inserted { conditions.append(condition) }
        }
        for match in alternatives {
            if let prefix = match.prefix { add("prefix \(prefix)", PathCondition(kind: .prefix, bytes: Array(prefix.utf8))) }
            switch match.path {
            case .exact(let path): add("exact \(path)", PathCondition(kind: .exact, bytes: Array(path.utf8)))
            case .segmentPrefix(let prefix):
                let trimmed = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
                add("segment \(trimmed)", PathCondition(kind: .segmentPrefix, bytes: Array(trimmed.utf8)))
            case .regex(let regex):
                add("regex \(regex.pattern)", PathCondition(kind: .regex, bytes: Array(regex.literalPrefix.utf8), regex: regex))
            case nil: break
            }
        }
        guard conditions.count <= 64 else { return nil }
        self.conditions = conditions
    }

    /// The index in the table of the route a request with these logged values matches, or `nil`.
    /// `match` answers keys not seen before.
    mutating func routeIndex(
        method: UnsafeRawBufferPointer?, authority: UnsafeRawBufferPointer?, path: UnsafeRawBufferPointer,
        match: () -> Int?
    ) -> Int? {
        // The matcher compares conditions with the path as a repaired `String`; for ASCII the bytes are the same.
        guard let conditionBits = conditionBits(of: path) else { return match() }
        if names.count > Self.capacity || routeIndexByKey.count > Self.capacity {
            names.removeAll()
            routeIndexByKey.removeAll()
        }
        let key = Key(method: id(of: method), authority: id(of: authority), conditions: conditionBits)
        if let index = routeIndexByKey[key] { return index < 0 ? nil : index }
        let index = match()
        routeIndexByKey[key] = index ?? -1
        return index
    }

    /// A bit per condition the path (up to its query string) meets; `nil` when the path is not ASCII.
    private func conditionBits(of path: UnsafeRawBufferPointer) -> UInt64? {
        var length = 0
        for byte in path {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: "?") { break }
            length += 1
        }
        let withoutQuery = UnsafeRawBufferPointer(rebasing: path[..<length])
        var bits: UInt64 = 0
        conditions.withUnsafeBufferPointer { conditions in
            for index in conditions.indices where Self.path(withoutQuery, meets: conditions[index]) {
                bits |= 1 << UInt64(index)
            }
        }
        return bits
    }

    private static func path(_ path: UnsafeRawBufferPointer, meets condition: borrowing PathCondition) -> Bool {
        let bytes = condition.bytes
        let startsWithBytes = path.count >= bytes.count
            && bytes.withUnsafeBytes { bytes in
                // An empty condition has no bytes to compare (and may have no address): every path starts with it.
                guard let expected = bytes.baseAddress, let actual = path.baseAddress else { return true }
                return memcmp(actual, expected, bytes.count) == 0
            }
        switch condition.kind {
        case .prefix:
            return startsWithBytes
        case .exact:
            return path.count == bytes.count && startsWithBytes
        case .segmentPrefix:
            return startsWithBytes && (path.count == bytes.count || path[bytes.count] == UInt8(ascii: "/"))
        case .regex:
            guard startsWithBytes, let regex = condition.regex else { return false }
            return regex.wholeMatches(String(decoding: path, as: UTF8.self)[...])
        }
    }

    /// Absent and empty are one key: the matcher reads both as "".
    private mutating func id(of text: UnsafeRawBufferPointer?) -> Int32 {
        guard let text, !text.isEmpty else { return -1 }
        return names.id(of: text).id
    }
}

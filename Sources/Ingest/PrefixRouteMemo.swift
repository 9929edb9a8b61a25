import Routing
import RequestBatches

/// Remembers which configured route requests matched, for route tables whose conditions are all on
/// the method, the host name and path prefixes (as App Mesh gateway routes usually are).
///
/// For such a table the route a request matches depends only on its method, its authority and which
/// of the table's prefixes its path starts with; header conditions see no logged header and so always
/// answer the same. That triple is the key: a key seen before is answered from memory, a new one by
/// `RouteTable.route(matching:)` itself, so attribution is unchanged. Hand-written because matching
/// builds three `String`s and walks the table for every line, about a sixth of the reading thread's
/// time, while a log has a few dozen distinct keys.
struct PrefixRouteMemo {
    /// The table's distinct path prefixes, as bytes; a key has one bit per prefix.
    private let prefixes: [[UInt8]]
    /// Method and authority bytes, as small ids.
    private var names = LabelDictionary()
    /// The index in the table of the route each key matched, -1 for none.
    private var routeIndexByKey: [Key: Int] = [:]

    private struct Key: Hashable {
        var method: Int32
        var authority: Int32
        var prefixes: UInt64
    }

    /// Past this many distinct keys the memory starts over, so hostile logs cost lookups, not memory.
    private static let capacity = 1 << 16

    /// `nil` when some route's conditions are not all on method, host name and path prefix, or when
    /// the table has more than 64 distinct prefixes.
    init?(routes: RouteTable) {
        let alternatives = routes.routes.flatMap(\.matches)
        guard alternatives.allSatisfy({ $0.path == nil && $0.queryParameters.isEmpty }) else { return nil }
        let prefixes = Set(alternatives.compactMap(\.prefix)).sorted().map { Array($0.utf8) }
        guard prefixes.count <= 64 else { return nil }
        self.prefixes = prefixes
    }

    /// The index in the table of the route a request with these logged values matches, or `nil`.
    /// `match` answers keys not seen before.
    mutating func routeIndex(
        method: UnsafeRawBufferPointer?, authority: UnsafeRawBufferPointer?, path: UnsafeRawBufferPointer,
        match: () -> Int?
    ) -> Int? {
        // The matcher compares prefixes with the path as a repaired `String`; for ASCII the bytes are the same.
        guard let prefixBits = prefixBits(of: path) else { return match() }
        if names.count > Self.capacity || routeIndexByKey.count > Self.capacity {
            names.removeAll()
            routeIndexByKey.removeAll()
        }
        let key = Key(method: id(of: method), authority: id(of: authority), prefixes: prefixBits)
        if let index = routeIndexByKey[key] { return index < 0 ? nil : index }
        let index = match()
        routeIndexByKey[key] = index ?? -1
        return index
    }

    /// A bit per prefix the path (up to its query string) starts with; `nil` when the path is not ASCII.
    private func prefixBits(of path: UnsafeRawBufferPointer) -> UInt64? {
        var length = 0
        for byte in path {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: "?") { break }
            length += 1
        }
        let withoutQuery = UnsafeRawBufferPointer(rebasing: path[..<length])
        var bits: UInt64 = 0
        for (index, prefix) in prefixes.enumerated() where withoutQuery.starts(with: prefix) {
            bits |= 1 << UInt64(index)
        }
        return bits
    }

    /// Absent and empty are one key: the matcher reads both as "".
    private mutating func id(of text: UnsafeRawBufferPointer?) -> Int32 {
        guard let text, !text.isEmpty else { return -1 }
        return names.id(of: text).id
    }
}

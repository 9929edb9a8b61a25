/// Path templates of every document in one trie of `/`-separated segments, searched once per logged
/// request.
///
/// Hand-written over the path's UTF-8 bytes rather than one regular expression per template or a router
/// library: this runs for every ingested line, a regex per template scans the path once per template,
/// and a router such as RoutingKit wants the path split into `[String]` first, an allocation per
/// segment. The trie reads each segment once and looks literal segments up by hash, without allocating.
/// It also applies OpenAPI's precedence, which an alternation of regexes would not: among the templates
/// that match, the one with the most literal segments wins
/// (so a concrete `/orders/mine` beats `/orders/{id}`), and between equals the one whose first
/// differing segment is literal, then a mixed segment such as `{name}.json`, then a variable.
/// A request is matched against templates that have an operation for its method.
///
/// Nodes are `Int32` indices into flat arrays; -1 means none. Each tree has its own root, one per scope.
struct SegmentTrie: Sendable {
    struct Node: Sendable {
        /// The child for a `{variable}` segment.
        var variable: Int32 = -1
        /// This node's range in `patterns`, longest literal text first.
        var patterns: Range<Int32> = 0..<0
    }

    /// One search: the request, and the best operation found so far with how many literal segments its
    /// template has.
    private struct Walk {
        let path: UnsafeRawBufferPointer
        let method: Int
        var operation: Int32 = -1
        var literalCount = -1
    }

    let nodes: [Node]
    /// The operation index for node `n` and method `m` at `n * methodCount + m`, or -1.
    let operationSlots: [Int32]
    let patterns: [(pattern: SegmentPattern, child: Int32)]
    let literals: LiteralEdgeTable

    static let methodCount = OperationMethod.allCases.count

    /// The index of the best operation for `method` whose template matches `path`, searching from `root`.
    func operation(from root: Int32, method: OperationMethod, path: RequestPath) -> Int32? {
        var walk = Walk(path: path.bytes, method: method.rawValue)
        search(from: root, at: 1, remaining: path.segmentCount, literalCount: 0, &walk)
        return walk.operation >= 0 ? walk.operation : nil
    }

    /// Depth-first, literal edges first; a branch is abandoned once even all-literal remaining segments
    /// could not beat the best found, which ends most searches after the first match.
    private func search(from node: Int32, at offset: Int, remaining: Int, literalCount: Int, _ walk: inout Walk) {
        if remaining == 0 {
            let operation = operationSlots[Int(node) &* Self.methodCount &+ walk.method]
            if operation >= 0, literalCount > walk.literalCount {
                walk.operation = operation
                walk.literalCount = literalCount
            }
            return
        }
        if literalCount + remaining <= walk.literalCount { return }
        let path = walk.path
        var end = offset
        var escaped = false
        while end < path.count, path[end] != UInt8(ascii: "/") {
            if path[end] == UInt8(ascii: "%") { escaped = true }
            end += 1
        }
        let segment = UnsafeRawBufferPointer(rebasing: path[offset..<end])
        guard escaped else {
            descend(from: node, along: segment, next: end + 1, remaining: remaining - 1, literalCount: literalCount, &walk)
            return
        }
        withUnsafeTemporaryAllocation(byteCount: segment.count, alignment: 1) { buffer in
            let decoded = UnsafeRawBufferPointer(rebasing: buffer[..<PercentDecoding.decode(segment, into: buffer)])
            descend(from: node, along: decoded, next: end + 1, remaining: remaining - 1, literalCount: literalCount, &walk)
        }
    }

    /// Follows every edge of `node` that `segment` matches; `remaining` counts the segments after it.
    private func descend(
        from node: Int32, along segment: UnsafeRawBufferPointer, next: Int, remaining: Int, literalCount: Int, _ walk: inout Walk
    ) {
        let literal = literals.child(of: node, along: segment)
        if literal >= 0 {
            search(from: literal, at: next, remaining: remaining, literalCount: literalCount + 1, &walk)
        }
        guard !segment.isEmpty else { return }
        let edges = nodes[Int(node)]
        for index in edges.patterns where patterns[Int(index)].pattern.matches(segment) {
            search(from: patterns[Int(index)].child, at: next, remaining: remaining, literalCount: literalCount, &walk)
        }
        if edges.variable >= 0 {
            search(from: edges.variable, at: next, remaining: remaining, literalCount: literalCount, &walk)
        }
    }
}

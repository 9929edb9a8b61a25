extension SegmentTrie {
    /// Collects templates into mutable nodes, then lays them out flat for searching.
    struct Builder {
        private struct Node {
            var literals: [[UInt8]: Int32] = [:]
            /// In insertion order, so equally specific patterns are tried in document order.
            var patterns: [(pattern: SegmentPattern, child: Int32)] = []
            var variable: Int32 = -1
            var operations = [Int32](repeating: -1, count: SegmentTrie.methodCount)
        }

        private var nodes: [Node] = []

        /// A new, empty tree.
        mutating func addRoot() -> Int32 {
            nodes.append(Node())
            return Int32(nodes.count - 1)
        }

        /// Adds `operation` for `method` at `template` under `root`; returns the operation already there
        /// instead when the two templates match the same requests.
        mutating func insert(_ template: PathTemplate, method: OperationMethod, operation: Int32, under root: Int32) -> Int32? {
            var node = root
            for segment in template.segments {
                node = child(of: node, along: segment)
            }
            let existing = nodes[Int(node)].operations[method.rawValue]
            guard existing < 0 else { return existing }
            nodes[Int(node)].operations[method.rawValue] = operation
            return nil
        }

        func build() -> SegmentTrie {
            var flatNodes: [SegmentTrie.Node] = []
            var operationSlots: [Int32] = []
            var patterns: [(pattern: SegmentPattern, child: Int32)] = []
            var literalEdges: [(parent: Int32, key: [UInt8], child: Int32)] = []
            for (index, node) in nodes.enumerated() {
                let ordered = node.patterns.enumerated().sorted { left, right in
                    let (leftBytes, rightBytes) = (left.element.pattern.literalByteCount, right.element.pattern.literalByteCount)
                    return leftBytes != rightBytes ? leftBytes > rightBytes : left.offset < right.offset
                }
                let start = Int32(patterns.count)
                patterns += ordered.map(\.element)
                flatNodes.append(SegmentTrie.Node(variable: node.variable, patterns: start..<Int32(patterns.count)))
                operationSlots += node.operations
                literalEdges += node.literals.map { (parent: Int32(index), key: $0.key, child: $0.value) }
            }
            return SegmentTrie(
                nodes: flatNodes, operationSlots: operationSlots, patterns: patterns, literals: LiteralEdgeTable(edges: literalEdges)
            )
        }

        private mutating func child(of parent: Int32, along segment: TemplateSegment) -> Int32 {
            let next = Int32(nodes.count)
            switch segment {
            case .literal(let bytes):
                if let child = nodes[Int(parent)].literals[bytes] { return child }
                nodes[Int(parent)].literals[bytes] = next
            case .variable:
                if nodes[Int(parent)].variable >= 0 { return nodes[Int(parent)].variable }
                nodes[Int(parent)].variable = next
            case .pattern(let pattern):
                if let edge = nodes[Int(parent)].patterns.first(where: { $0.pattern == pattern }) { return edge.child }
                nodes[Int(parent)].patterns.append((pattern, next))
            }
            nodes.append(Node())
            return next
        }
    }
}

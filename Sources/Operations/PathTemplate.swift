/// A path template such as `/orders/{id}` split into segments, with the trailing-slash rule applied.
///
/// A single trailing slash is not significant, in templates as in requests: `/orders/` and `/orders` are
/// one path, so a spec's `/orders` groups requests logged as `/orders/` (most servers answer both with one
/// handler). `/` itself has no segments.
struct PathTemplate: Sendable {
    let segments: [TemplateSegment]

    init(segments: [TemplateSegment]) {
        self.segments = segments
    }

    /// Parses a template that starts with `/`.
    init(parsing text: String) throws(Malformed) {
        guard text.hasPrefix("/") else {
            throw Malformed(problem: #"a path must start with "/""#)
        }
        var body = text.dropFirst()
        if body.hasSuffix("/") { body = body.dropLast() }
        guard !body.isEmpty else {
            self.init(segments: [])
            return
        }
        var segments: [TemplateSegment] = []
        for segment in body.split(separator: "/", omittingEmptySubsequences: false) {
            segments.append(try Self.segment(parsing: segment))
        }
        self.init(segments: segments)
    }

    static func + (prefix: PathTemplate, path: PathTemplate) -> PathTemplate {
        PathTemplate(segments: prefix.segments + path.segments)
    }

    private static func segment(parsing text: Substring) throws(Malformed) -> TemplateSegment {
        guard text.contains(where: { $0 == "{" || $0 == "}" }) else {
            return .literal(PercentDecoding.decode(text))
        }
        var pieces: [SegmentPattern.Piece] = []
        var rest = text
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}"),
                !rest[rest.index(after: open)..<close].contains("{")
            else {
                throw Malformed(problem: #"unbalanced braces in segment "\#(text)"; write a variable as {name}"#)
            }
            guard rest.index(after: open) < close else {
                throw Malformed(problem: #"empty variable name in segment "\#(text)"; write a variable as {name}"#)
            }
            if open > rest.startIndex { pieces.append(.literal(PercentDecoding.decode(rest[..<open]))) }
            pieces.append(.variable)
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(PercentDecoding.decode(rest))) }
        return pieces == [.variable] ? .variable : .pattern(SegmentPattern(pieces: pieces))
    }
}

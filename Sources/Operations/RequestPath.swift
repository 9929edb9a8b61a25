/// A logged path reduced to what operation matching reads: without its query string or fragment, without
/// a single trailing slash (see ``PathTemplate``), and its segment count.
///
/// The path is read as Envoy logged it (`%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%`); escapes are decoded only
/// per segment, when a segment is compared with literal text.
struct RequestPath {
    /// Starts with `/`.
    let bytes: UnsafeRawBufferPointer
    let segmentCount: Int

    /// `nil` for paths that do not start with `/`, such as `*` or an absolute URL.
    init?(_ logged: UnsafeRawBufferPointer) {
        guard logged.first == UInt8(ascii: "/") else { return nil }
        var end = 1
        var slashes = 0
        while end < logged.count {
            let byte = logged[end]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "/") { slashes += 1 }
            end += 1
        }
        if end > 1, logged[end - 1] == UInt8(ascii: "/") {
            end -= 1
            slashes -= 1
        }
        bytes = UnsafeRawBufferPointer(rebasing: logged[..<end])
        segmentCount = end == 1 ? 0 : slashes + 1
    }
}

/// Host names from `:authority` values (`Host` headers) as Envoy logs them: `shop.example.com:8443`,
/// `[2001:db8::1]:443`, `10.0.0.7`.
enum Authority {
    /// The lower-cased host name of a configured authority, without its port.
    static func hostname(of authority: String) -> [UInt8] {
        Array(authority.utf8).withUnsafeBytes { bytes in
            hostname(in: bytes).map { $0 | (isUpperASCII($0) ? 0x20 : 0) }
        }
    }

    /// The part of a logged authority before its port; a bare IPv6 address keeps its colons.
    static func hostname(in authority: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if authority.first == UInt8(ascii: "["), let close = authority.firstIndex(of: UInt8(ascii: "]")) {
            return UnsafeRawBufferPointer(rebasing: authority[...close])
        }
        guard let colon = authority.firstIndex(of: UInt8(ascii: ":")),
            authority.lastIndex(of: UInt8(ascii: ":")) == colon
        else { return authority }
        return UnsafeRawBufferPointer(rebasing: authority[..<colon])
    }

    /// Whether a logged host name equals a lower-cased configured one, ignoring ASCII case.
    static func hostname(_ logged: UnsafeRawBufferPointer, equals configured: [UInt8]) -> Bool {
        guard logged.count == configured.count else { return false }
        for (byte, expected) in zip(logged, configured) where byte | (isUpperASCII(byte) ? 0x20 : 0) != expected {
            return false
        }
        return true
    }

    private static func isUpperASCII(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }
}

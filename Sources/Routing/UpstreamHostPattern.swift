/// A set of upstream hosts (`%UPSTREAM_HOST%`) that stand for one route target: an address with or without a
/// port, or an IPv4 network.
///
/// ```yaml
/// hosts: ["10.1.2.0/24", "10.1.9.7:8080", "[fd00::7]:8080"]
/// ```
///
/// Parsed by hand: the `Routing` module does no I/O and needs no socket library, and dotted-quad IPv4 and
/// bracketed IPv6 literals are all Envoy writes into `%UPSTREAM_HOST%`.
package struct UpstreamHostPattern: Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        /// An IPv4 address or an IPv6 literal (lower-cased, without brackets), and a port unless any port will do.
        case address(String, port: Int?)
        /// The IPv4 addresses whose first `prefixLength` bits equal `network`'s.
        case ipv4Network(UInt32, prefixLength: Int)
    }

    private let kind: Kind
    /// The pattern as written.
    package let description: String

    /// `nil` when `text` is not an address, `address:port`, `[ipv6]:port` or IPv4 `network/length`.
    init?(_ text: String) {
        description = text
        if let slash = text.firstIndex(of: "/") {
            guard let network = Self.ipv4(text[..<slash]), let length = Int(text[text.index(after: slash)...]),
                  (0...32).contains(length)
            else { return nil }
            kind = .ipv4Network(network, prefixLength: length)
            return
        }
        guard let (host, port) = Self.hostAndPort(text[...]) else { return nil }
        guard Self.ipv4(host) != nil || host.contains(":") else { return nil }
        kind = .address(host.lowercased(), port: port)
    }

    /// Whether a logged `%UPSTREAM_HOST%` such as `10.1.2.3:8080` or `[fd00::7]:8080` is one of these hosts.
    package func matches(upstreamHost: String) -> Bool {
        guard let (host, port) = Self.hostAndPort(upstreamHost[...]) else { return false }
        switch kind {
        case .address(let address, let expectedPort):
            return host.lowercased() == address && (expectedPort == nil || expectedPort == port)
        case .ipv4Network(let network, let length):
            guard let address = Self.ipv4(host) else { return false }
            let mask: UInt32 = length == 0 ? 0 : ~0 << (32 - length)
            return address & mask == network & mask
        }
    }

    /// Splits `host`, `host:port`, `[ipv6]` and `[ipv6]:port`; a bare IPv6 address has no port.
    private static func hostAndPort(_ text: Substring) -> (Substring, Int?)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return nil }
            return (host, port)
        }
        let colons = text.count(where: { $0 == ":" })
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return (text, nil) }
        guard let port = Int(text[text.index(after: colon)...]) else { return nil }
        return (text[..<colon], port)
    }

    private static func ipv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var address: UInt32 = 0
        for part in parts {
            guard part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt8(part) else { return nil }
            address = address << 8 | UInt32(octet)
        }
        return address
    }
}

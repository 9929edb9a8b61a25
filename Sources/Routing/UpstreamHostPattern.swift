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

    /// The pattern for one address as Kubernetes writes it (`10.44.1.20`, `fd00::7`) and a port, or any port when
    /// `port` is `nil`; `nil` when `address` is not an IPv4 address or an IPv6 address in text form.
    init?(address: String, port: Int?) {
        guard Self.ipv4(address[...]) != nil || Self.isIPv6(address[...]) else { return nil }
        let host = address.contains(":") ? "[\(address)]" : address
        self.init(port.map { "\(host):\($0)" } ?? host)
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

    /// Whether `text` is an IPv6 address in RFC 4291 text form: eight groups of 1…4 hex digits, or fewer around one
    /// `::`, the last two optionally written as a dotted IPv4 address.
    static func isIPv6(_ text: Substring) -> Bool {
        let compressions = text.ranges(of: "::").count
        guard compressions <= 1 else { return false }
        let halves = compressions == 1 ? text.split(separator: "::", omittingEmptySubsequences: false) : [text]
        var groups = 0
        for (halfIndex, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if halfIndex == halves.count - 1, index == parts.count - 1, ipv4(part) != nil {
                    groups += 2
                    continue
                }
                guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return false }
                groups += 1
            }
        }
        return compressions == 1 ? groups <= 7 : groups == 8
    }

    static func ipv4(_ text: Substring) -> UInt32? {
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

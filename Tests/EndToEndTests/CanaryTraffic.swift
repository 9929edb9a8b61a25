import AccessLog
import TestSupport

/// Envoy default-format lines of traffic through ``CanaryRouteFile``'s `checkout` route.
enum CanaryTraffic {
    /// 1,000 requests a second apart from `from` (milliseconds since the epoch), `canaryPercent` of every 100
    /// to the canary, spread evenly, newline-terminated.
    static func text(from: Int64, canaryPercent: Int) -> String {
        (0..<1000).map { index in
            let time = TimestampFormatter.rfc3339(millisecondsSinceEpoch: from + Int64(index) * 1000)
            let host = (index + 1) * canaryPercent / 100 > index * canaryPercent / 100 ? CanaryRouteFile.canaryHost : CanaryRouteFile.stableHost
            return #"[\#(time)] "GET /checkout/\#(index) HTTP/1.1" 200 - 0 10 5 4 "-" "curl/8" "r\#(index)" "shop.example.com" "\#(host)""# + "\n"
        }.joined()
    }
}

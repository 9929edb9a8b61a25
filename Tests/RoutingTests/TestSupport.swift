import Foundation
import Routing

/// Decodes an inline JSON fixture as the CLI would decode a route file.
func routeTable(_ json: String, source: String = "routes.json") throws(RouteConfigError) -> RouteTable {
    try RouteTable(appMeshJSON: Data(json.utf8), source: source)
}

/// A logged request with the defaults most matching tests do not care about.
func request(
    _ path: String, method: String = "GET", authority: String = "shop.example.com", headers: [String: String] = [:]
) -> RequestAttributes {
    RequestAttributes(method: method, authority: authority, path: path, headers: headers)
}

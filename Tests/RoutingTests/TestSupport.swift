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

/// Decodes inline YAML or JSON as the CLI decodes a route file of any kind.
func documentTable(_ text: String, source: String = "routes.yaml") throws(RouteConfigError) -> RouteTable {
    try RouteTable(documents: Data(text.utf8), source: source)
}

/// A file of `fixtures/routes/`.
func fixtureURL(_ name: String) -> URL {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repository.appendingPathComponent("fixtures/routes").appendingPathComponent(name)
}

/// Decodes a file of `fixtures/routes/`.
func fixtureTable(_ name: String) throws -> RouteTable {
    try RouteTable(documents: Data(contentsOf: fixtureURL(name)), source: name)
}

/// Decodes several files of `fixtures/routes/` as one set of documents, as `--routes` does with several files.
func fixtureTable(_ names: [String]) throws -> RouteTable {
    try RouteTable(documents: names.map { name in (try Data(contentsOf: fixtureURL(name)), name) })
}

import Foundation
import Routing
import Testing

@testable import Ingest

@Suite("Remembered route matches")
struct PrefixRouteMemoTests {
    @Test("The memo answers every request as RouteTable.route(matching:) does, first time and again")
    func sameAnswerAsMatching() throws {
        let routes = GeneratedLog.routes
        var memo = try #require(PrefixRouteMemo(routes: routes))
        let requests: [(method: String?, authority: String?, path: String)] = [
            ("GET", "shop.example.com", "/orders/1"), ("POST", "shop.example.com", "/orders/2?x=1"), ("GET", nil, "/payments/3"),
            (nil, "SHOP.example.com:8443", "/cart/4"), ("DELETE", "other.example.com", "/"), ("GET", "shop.example.com", "/ordersx"),
            ("GET", "shop.example.com", "/caf\u{E9}/5"), ("GET", "", "?/orders"), ("PUT", "shop.example.com", "/products/6#frag"),
        ]
        for _ in 0..<2 {
            for request in requests {
                let expected = routes.route(matching: RequestAttributes(method: request.method ?? "", authority: request.authority ?? "", path: request.path))
                let index = bytes(request.method) { method in
                    bytes(request.authority) { authority in
                        bytes(request.path) { path in
                            memo.routeIndex(method: method, authority: authority, path: path!) {
                                routes.route(matching: RequestAttributes(method: request.method ?? "", authority: request.authority ?? "", path: request.path))
                                    .flatMap { route in routes.routes.firstIndex { $0.name == route.name } }
                            }
                        }
                    }
                }
                #expect(index.map { routes.routes[$0].name } == expected?.name, "\(request)")
            }
        }
    }

    /// The benchmark's mixed App Mesh gateway routes: an exact `/health`, a header and host route, prefixes, a regex.
    static func mixedRoutes() throws -> RouteTable {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/bench/appmesh-gateway-routes-mixed.json")
        return try RouteTable(appMeshJSON: Data(contentsOf: url), source: "appmesh-gateway-routes-mixed.json")
    }

    @Test("An exact /health route, a regex, header and host conditions do not turn the memo off")
    func mixedTableIsMemoised() throws {
        #expect(PrefixRouteMemo(routes: try Self.mixedRoutes()) != nil)
    }

    @Test("With exact, regex, host and header conditions the memo answers every request as RouteTable.route(matching:) does")
    func mixedSameAnswerAsMatching() throws {
        let routes = try Self.mixedRoutes()
        var memo = try #require(PrefixRouteMemo(routes: routes))
        let requests: [(method: String?, authority: String?, path: String)] = [
            ("GET", "shop.example.com", "/health"), ("GET", "shop.example.com", "/health?probe=1"), ("GET", "shop.example.com", "/healthz"),
            ("GET", "shop.example.com", "/orders/1"), ("GET", "other.example.com", "/orders/1"), ("GET", "api.example.com", "/payments/2"),
            ("GET", "shop.example.org", "/payments/2"), ("GET", "shop.example.com", "/products/42"), ("POST", "shop.example.com", "/products/42"),
            ("GET", "shop.example.com", "/products/x42"), ("GET", "shop.example.com", "/products/42/reviews"), ("GET", nil, "/cart/3"),
            ("GET", "shop.example.com", "/products/7?page=2"), ("GET", "shop.example.com", "/caf\u{E9}/5"),
        ]
        for _ in 0..<2 {
            for request in requests {
                let attributes = RequestAttributes(method: request.method ?? "", authority: request.authority ?? "", path: request.path)
                let index = bytes(request.method) { method in
                    bytes(request.authority) { authority in
                        bytes(request.path) { path in
                            memo.routeIndex(method: method, authority: authority, path: path!) { routes.routeIndex(matching: attributes) }
                        }
                    }
                }
                #expect(index.map { routes.routes[$0].name } == routes.route(matching: attributes)?.name, "\(request)")
            }
        }
    }

    @Test("A table with a query parameter condition is not memoised: the query string would have to be in the key")
    func queryParameterTablesNotMemoised() throws {
        let json = #"[{"meshName":"m","gatewayRouteName":"r","gatewayRouteSpec":{"httpRoute":{"match":{"prefix":"/","queryParameters":[{"name":"debug"}]},"action":{"target":{"virtualService":{"virtualServiceName":"s"}}}}}}]"#
        let table = try RouteTable(appMeshJSON: Data(json.utf8), source: "inline")
        #expect(PrefixRouteMemo(routes: table) == nil)
    }

    private func bytes<T>(_ text: String?, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let text else { return body(nil) }
        return Array(text.utf8).withUnsafeBytes { body($0) }
    }
}

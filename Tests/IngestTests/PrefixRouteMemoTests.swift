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

    @Test("A table with a regex or exact path condition is not memoised")
    func onlyPrefixTables() throws {
        let json = #"[{"meshName":"m","gatewayRouteName":"r","gatewayRouteSpec":{"httpRoute":{"match":{"path":{"exact":"/a"}},"action":{"target":{"virtualService":{"virtualServiceName":"s"}}}}}}]"#
        let table = try RouteTable(appMeshJSON: Data(json.utf8), source: "inline")
        #expect(PrefixRouteMemo(routes: table) == nil)
    }

    private func bytes<T>(_ text: String?, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let text else { return body(nil) }
        return Array(text.utf8).withUnsafeBytes { body($0) }
    }
}

import Foundation
import Testing
@testable import Routing

/// App Mesh walkthroughs' `aws appmesh create-route --cli-input-json` files, which leave the mesh to the command line.
@Suite("App Mesh CLI input files")
struct AppMeshCLIInputTests {
    static func realWorld(_ name: String) throws -> RouteTable {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/realworld/routes").appendingPathComponent(name).standardizedFileURL
        return try RouteTable(documents: Data(contentsOf: url), source: name)
    }

    @Test("a file without meshName is read with the mesh unknown")
    func meshUnknown() throws {
        let route = try #require(try Self.realWorld("appmesh-json__colorapp__colorteller-route-black-80-blue-20.json").routes.first)
        #expect(route.name == "colorteller-route")
        #expect(route.mesh == nil)
        #expect(route.targets.map { "\($0.name) \($0.weight)" } == ["colorteller-black-vn 8", "colorteller-blue-vn 2"])
    }

    @Test("with the mesh unknown, an egress cluster of any mesh names the virtual node")
    func clustersOfAnyMesh() throws {
        let route = try #require(try Self.realWorld("appmesh-json__colorapp__colorteller-route-black-80-blue-20.json").routes.first)
        #expect(route.target(forUpstreamCluster: "cds_egress_appmesh-mesh_colorteller-blue-vn_http_9080")?.name == "colorteller-blue-vn")
        #expect(route.target(forUpstreamCluster: "cds_egress_other_colorteller-black-vn_http_9080")?.name == "colorteller-black-vn")
    }

    @Test("two CLI files whose routes share a name in different virtual routers are both kept, qualified by router")
    func sharedNameAcrossRouters() throws {
        let table = try RouteTable(merging: [
            Self.realWorld("appmesh-json__howto-grpc__route-all-methods.json"),
            routeTable(#"{"routeName": "route", "virtualRouterName": "other-router", "spec": {"httpRoute": {"match": {"prefix": "/"}, "action": {"weightedTargets": [{"virtualNode": "x", "weight": 1}]}}}}"#),
        ])
        #expect(table.routes.map(\.name) == ["virtualrouter/virtual-router/route", "virtualrouter/other-router/route"])
        #expect(table.routeIndices(named: "route") == [0, 1])
    }
}

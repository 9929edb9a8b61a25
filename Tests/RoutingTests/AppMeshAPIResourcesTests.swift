import Foundation
import Testing
@testable import Routing

/// App Mesh virtual nodes and services as `aws appmesh describe-…` prints them, read with route JSON and EndpointSlices.
@Suite("App Mesh virtual nodes from the AWS CLI")
struct AppMeshAPIResourcesTests {
    /// The aws-cli documentation's `create-route` output (the shape `describe-route` prints): vnServiceBv1 90, vnServiceBv2 10.
    static func weightedRoute() throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/realworld/routes/appmesh-json__aws-cli__create-route-weighted-output.json").standardizedFileURL
        return try Data(contentsOf: url)
    }

    /// `describe-virtual-node` output for each node, one after another as a shell loop writes them.
    static let nodes = """
        {"virtualNode": {"meshName": "app1", "virtualNodeName": "vnServiceBv1", "metadata": {"version": 1},
          "spec": {"listeners": [{"portMapping": {"port": 80, "protocol": "http"}}],
                   "serviceDiscovery": {"dns": {"hostname": "serviceb-v1.apps.svc.cluster.local"}}},
          "status": {"status": "ACTIVE"}}}
        {"virtualNode": {"meshName": "app1", "virtualNodeName": "vnServiceBv2",
          "spec": {"serviceDiscovery": {"awsCloudMap": {"namespaceName": "apps", "serviceName": "serviceb-v2"}}}}}
        """

    /// `describe-virtual-service` output: the router serving the gateway route's virtual service.
    static let service = """
        {"virtualService": {"meshName": "app1", "virtualServiceName": "serviceb.apps.svc.cluster.local",
          "spec": {"provider": {"virtualRouter": {"virtualRouterName": "vrServiceB"}}}}}
        """

    /// `describe-gateway-route` output forwarding to that virtual service.
    static let gatewayRoute = """
        {"gatewayRoute": {"meshName": "app1", "gatewayRouteName": "serviceb-gateway-route", "virtualGatewayName": "ingress-gw",
          "spec": {"httpRoute": {"match": {"prefix": "/b"},
            "action": {"target": {"virtualService": {"virtualServiceName": "serviceb.apps.svc.cluster.local"}}}}}}}
        """

    static let slices = """
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: serviceb-v1-abcde, namespace: apps, labels: {kubernetes.io/service-name: serviceb-v1}}
        addressType: IPv4
        ports: [{name: http, port: 80}]
        endpoints: [{addresses: [10.0.1.11]}, {addresses: [10.0.1.12]}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: {name: serviceb-v2-fghij, namespace: apps, labels: {kubernetes.io/service-name: serviceb-v2}}
        addressType: IPv4
        ports: [{name: http, port: 80}]
        endpoints: [{addresses: [10.0.2.21]}]
        """

    static func table() throws -> RouteTable {
        try RouteTable(documents: [
            (try weightedRoute(), "route.json"), (Data(nodes.utf8), "nodes.json"), (Data(service.utf8), "service.json"),
            (Data(gatewayRoute.utf8), "gateway-route.json"), (Data(slices.utf8), "endpointslices.yaml"),
        ])
    }

    @Test("a route's virtual nodes take the hosts of the Services their DNS or Cloud Map discovery names")
    func routeTargetsByHost() throws {
        let route = try #require(try Self.table().route(named: "toVnServiceB-weighted"))
        let hosts = ["10.0.1.11:80", "10.0.1.12:80", "10.0.2.21:80", "10.0.9.9:80"]
        #expect(hosts.map { route.target(forUpstreamHost: $0)?.name } == ["vnServiceBv1", "vnServiceBv1", "vnServiceBv2", nil])
    }

    @Test("a gateway route to a virtual service a one-route router provides takes that route's weighted nodes")
    func gatewayRouteThroughRouter() throws {
        let route = try #require(try Self.table().route(named: "serviceb-gateway-route"))
        #expect(route.targets.map { "\($0.name) \($0.weight)" } == ["vnServiceBv1 90", "vnServiceBv2 10"])
        #expect(route.target(forUpstreamHost: "10.0.2.21:80")?.name == "vnServiceBv2")
    }

    @Test("list-virtual-nodes output, names without specs, is read and teaches nothing")
    func listOutputSkipped() throws {
        let list = #"{"virtualNodes": [{"meshName": "app1", "virtualNodeName": "vnServiceBv1", "arn": "arn:aws:appmesh:…"}]}"#
        let table = try RouteTable(documents: [(try Self.weightedRoute(), "route.json"), (Data(list.utf8), "list.json")])
        #expect(table.routes.first?.targets.map(\.service) == [nil, nil])
    }
}

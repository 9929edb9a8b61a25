import Foundation

extension Route {
    /// The target of this route that an Envoy upstream cluster name (`%UPSTREAM_CLUSTER%`) stands for,
    /// or `nil` when the cluster is not one of this route's targets.
    ///
    /// Recognises
    /// - App Mesh egress clusters `cds_egress_<mesh>_<virtualNode>_<http|http2|grpc|tcp>_<port>`, e.g.
    ///   `cds_egress_shop-mesh_orders_v2_shop_http_8080`. Mesh and node names may contain `-` and `_`,
    ///   so the name is compared against this route's mesh and target names instead of being split on `_`;
    /// - Istio clients' `outbound|<port>|<subset>|<host>` clusters
    ///   ([Istio proxy config](https://istio.io/latest/docs/ops/diagnostic-tools/proxy-cmd/)): the subset names the
    ///   target, else the host (`reviews.default.svc.cluster.local`), else its first label (`reviews`).
    ///   `inbound|…` clusters are server-side records of the destination itself and name no target;
    ///   For an Istio route's targets the cluster must name the target's service: its host, its subset (or none)
    ///   and, when the destination gives one, its port;
    /// - a cluster a RouteLens route file lists for a target;
    /// - a cluster named exactly like a target.
    ///
    /// An Envoy Gateway cluster `httproute/<namespace>/<name>/rule/<i>` names the rule, not one of its backends,
    /// so it names no target unless the rule has only one.
    package func target(forUpstreamCluster cluster: String) -> RouteTarget? {
        if let target = targets.first(where: { $0.name == cluster }) { return target }
        switch platform {
        case .appMesh(let mesh):
            if cluster.hasPrefix("cds_egress_") { return appMeshEgressTarget(cluster, mesh: mesh) }
            if cluster.hasPrefix("outbound|") { return istioOutboundTarget(cluster) }
            return nil
        case .envoyGateway:
            return cluster == name && targets.count == 1 ? targets[0] : nil
        case .istio:
            return cluster.hasPrefix("outbound|") ? istioServiceTarget(cluster) : nil
        case .routeLens:
            return targets.first { $0.clusters.contains(cluster) }
        }
    }

    /// Without a mesh name (a Kubernetes resource that does not give its `meshRef`) any mesh is accepted:
    /// the cluster must then end in `_<virtualNode>_<protocol>_<port>`.
    private func appMeshEgressTarget(_ cluster: String, mesh: String?) -> RouteTarget? {
        guard let mesh else {
            return targets.first { target in
                guard let node = cluster.range(of: "_\(target.name)_", options: .backwards) else { return false }
                return Self.isProtocolAndPort(cluster[node.upperBound...])
            }
        }
        let meshPrefix = "cds_egress_\(mesh)_"
        guard cluster.hasPrefix(meshPrefix) else { return nil }
        let nodeAndListener = cluster.dropFirst(meshPrefix.count)
        return targets.first { target in
            nodeAndListener.hasPrefix("\(target.name)_")
                && Self.isProtocolAndPort(nodeAndListener.dropFirst(target.name.count + 1))
        }
    }

    /// Whether `text` is exactly `<http|http2|grpc|tcp>_<port>`.
    private static func isProtocolAndPort(_ text: Substring) -> Bool {
        guard let underscore = text.lastIndex(of: "_") else { return false }
        let port = text[text.index(after: underscore)...]
        return ["http", "http2", "grpc", "tcp"].contains(text[..<underscore])
            && !port.isEmpty && port.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private func istioOutboundTarget(_ cluster: String) -> RouteTarget? {
        let fields = cluster.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4 else { return nil }
        let subset = fields[2]
        let host = fields[3]
        for candidate in [subset, host, host.prefix { $0 != "." }] where !candidate.isEmpty {
            if let target = targets.first(where: { $0.name == candidate }) { return target }
        }
        return nil
    }

    private func istioServiceTarget(_ cluster: String) -> RouteTarget? {
        let fields = cluster.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4 else { return nil }
        return targets.first { target in
            guard let service = target.service else { return false }
            return fields[3] == service.host && fields[2] == service.subset ?? ""
                && service.port.map { fields[1] == String($0) } ?? true
        }
    }
}

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
    /// - a cluster named exactly like a target.
    package func target(forUpstreamCluster cluster: String) -> RouteTarget? {
        if let target = targets.first(where: { $0.name == cluster }) { return target }
        if cluster.hasPrefix("cds_egress_") { return appMeshEgressTarget(cluster) }
        if cluster.hasPrefix("outbound|") { return istioOutboundTarget(cluster) }
        return nil
    }

    private func appMeshEgressTarget(_ cluster: String) -> RouteTarget? {
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
}

extension Route {
    /// How log lines name one target of this route: the upstream clusters that mean it and how many upstream hosts a
    /// host map gives it. `routes check` prints it, so that a split nobody can attribute is seen before ingest.
    package struct TargetAttribution: Sendable, Equatable {
        /// Cluster names or patterns (`*` for any text), such as `cds_egress_shop_orders-v2_*_*` or
        /// `outbound|9080|v2|reviews.default.svc.cluster.local`.
        package let clusters: [String]
        /// How many addresses and networks (``UpstreamHostPattern``) mean the target.
        package let hosts: Int
        /// The route has this single target: every request that reached an upstream is its.
        package let isOnlyTarget: Bool

        /// Whether a log line without an upstream cluster (Envoy's default format) can still name the target.
        package var worksWithoutCluster: Bool { hosts > 0 || isOnlyTarget }
    }

    /// How log lines name `target`, one of ``targets``; see ``target(forUpstreamCluster:)`` and ``target(forUpstreamHost:)``.
    package func attribution(of target: RouteTarget) -> TargetAttribution {
        var clusters = [target.name]
        switch platform {
        case .appMesh(let mesh):
            clusters.append("cds_egress_\(mesh ?? "*")_\(target.name)_*_*")
        case .envoyGateway:
            clusters = targets.count == 1 ? [name] : []
        case .istio:
            if let service = target.service {
                clusters = ["outbound|\(service.port.map(String.init) ?? "*")|\(service.subset ?? "")|\(service.host)"]
            }
        case .routeLens:
            clusters += target.clusters
        }
        return TargetAttribution(clusters: clusters, hosts: target.hosts.count, isOnlyTarget: targets.count == 1)
    }

    /// Problems with this route's split that loading accepts but that leave its test empty or impossible: weights that
    /// sum to 0, and weighted targets that log lines cannot name.
    package var splitWarnings: [RouteConfigWarning] {
        var warnings: [RouteConfigWarning] = []
        func warn(_ message: String) {
            warnings.append(RouteConfigWarning(source: origin.source, location: origin.jsonPath, message: "\(name): \(message)"))
        }
        if hasZeroWeightSplit {
            warn("weights sum to 0, so its split is untestable (a Gateway API rule like this answers every request with 500)")
        }
        guard targets.count > 1 else { return warnings }
        for target in targets where target.weight > 0 {
            let means = attribution(of: target)
            if means.clusters.isEmpty && means.hosts == 0 {
                warn("weighted target \(target.name) cannot be attributed: no upstream cluster names it and no host map lists its "
                    + "upstream hosts, so its requests count as (no target); read EndpointSlice dumps (kubectl get endpointslices,pods,"
                    + "services -A -o yaml) or a RouteLens file with hosts for it")
            } else if case .appMesh = platform, means.hosts == 0 {
                warn("weighted target \(target.name) is recognised only by its upstream cluster: logs in Envoy's default format "
                    + "(no %UPSTREAM_CLUSTER%) count its requests as (no target); log the cluster, or read EndpointSlice dumps and "
                    + "virtual nodes with the routes")
            }
        }
        return warnings
    }
}

extension Route {
    /// This route with each target's ``RouteTarget/hosts`` extended by the Kubernetes endpoints of its
    /// ``RouteTarget/service``, so that ``target(forUpstreamHost:)`` recognises them.
    ///
    /// A target without a subset takes every endpoint of its Service and the Service's cluster IPs. An Istio subset
    /// takes the endpoints whose Pods carry every label of the subset's `DestinationRule` entry, and not the cluster
    /// IPs, which lead to every pod of the Service. Targets whose Service has no slice and no cluster IP are unchanged.
    ///
    /// - Throws: ``RouteConfigError`` at the route when the hosts of a subset whose Service has slices cannot be told
    ///   apart: no `DestinationRule` defining the subset was read, or no Pod of the Service's endpoints was.
    func addingHosts(of endpoints: KubernetesEndpoints) throws(RouteConfigError) -> Route {
        var extended: [RouteTarget] = []
        for target in targets {
            guard let service = target.service, let serviceName = KubernetesEndpoints.ObjectName(serviceHost: service.host) else {
                extended.append(target)
                continue
            }
            let hosts = if let subset = service.subset {
                try subsetHosts(of: target, subset: subset, service: serviceName, in: endpoints)
            } else {
                endpoints.hosts(of: serviceName)
            }
            let known = Set(target.hosts.map(\.description))
            extended.append(RouteTarget(
                name: target.name, weight: target.weight, service: target.service, clusters: target.clusters,
                hosts: target.hosts + hosts.filter { !known.contains($0.description) }
            ))
        }
        var route = Route(
            name: name, platform: platform, kind: kind, priority: priority, matches: matches, targets: extended,
            loggedNames: loggedNames, origin: origin
        )
        route.scope = scope
        return route
    }

    private func subsetHosts(
        of target: RouteTarget, subset: String, service: KubernetesEndpoints.ObjectName, in endpoints: KubernetesEndpoints
    ) throws(RouteConfigError) -> [UpstreamHostPattern] {
        guard endpoints.hasEndpoints(service) else { return [] }
        let what = "target \(target.name) is subset \(subset) of Service \(service)"
        guard let labels = target.service?.subsetLabels else {
            throw RouteConfigError(
                source: origin.source, location: .jsonPath(origin.jsonPath),
                problem: "\(what), but no DestinationRule defining the subset was read, so which endpoints of the Service it "
                    + "selects is unknown; read the DestinationRule with the routes"
            )
        }
        guard let hosts = endpoints.hosts(of: service, podsLabelled: labels) else {
            let selector = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            throw RouteConfigError(
                source: origin.source, location: .jsonPath(origin.jsonPath),
                problem: "\(what), which selects pods labelled \(selector), but the Pod of an endpoint of the Service was not "
                    + "read, and EndpointSlices carry no pod labels; read the Pods with the slices, from the same moment: "
                    + "kubectl get endpointslices,pods -o yaml"
            )
        }
        return hosts
    }
}

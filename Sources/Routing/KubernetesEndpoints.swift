/// The upstream hosts behind Kubernetes Services, read from `EndpointSlice`, `Pod` and `Service` objects among the
/// route documents, so that a request whose log names no upstream cluster is attributed by its `%UPSTREAM_HOST%`.
///
/// ```sh
/// kubectl get endpointslices,pods,services -A -o yaml > cluster.yaml
/// routelens ingest --routes routes/ --routes cluster.yaml --format envoy access.log
/// ```
///
/// - An [`EndpointSlice`](https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/)
///   belongs to the Service its `kubernetes.io/service-name` label names, in the slice's namespace. Each endpoint's
///   `addresses`, with each of the slice's `ports[].port` (any port when it gives none), are hosts of that Service:
///   Istio and Envoy Gateway send requests to these pod addresses. Endpoint `conditions` are ignored, since a pod
///   that is not ready now may have served the requests of the log being read, and `FQDN` slices are skipped, since
///   Envoy logs addresses.
/// - A [`Service`](https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/)'s
///   `clusterIPs`, with each of its `ports[].port`, are hosts of it too: App Mesh's DNS service discovery resolves a
///   virtual node's hostname to the Service's cluster IP, and Envoy logs that address.
/// - A [`Pod`](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/) gives its labels to
///   the endpoint whose `targetRef` names it or, for an endpoint without a `targetRef`, to the endpoint whose address
///   is the pod's only `status.podIPs` match. An Istio subset selects pods by label, which an EndpointSlice does not
///   carry: a subset's hosts are the endpoints of its Service whose pods carry every label of the subset.
///
/// Slices, Pods and Services apply to the targets of every route read with them, whatever kind defines the route.
struct KubernetesEndpoints {
    /// A namespaced object, such as a Service or a Pod.
    struct ObjectName: Hashable, CustomStringConvertible {
        let namespace: String
        let name: String

        var description: String { "\(namespace)/\(name)" }

        /// The Service a cluster DNS name `<service>.<namespace>.svc.<cluster domain>` names, or `nil` for a host
        /// outside the cluster.
        init?(serviceHost host: String) {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 3, labels[2] == "svc", !labels[0].isEmpty, !labels[1].isEmpty else { return nil }
            self.init(namespace: String(labels[1]), name: String(labels[0]))
        }

        init(namespace: String, name: String) {
            self.namespace = namespace
            self.name = name
        }
    }

    /// One endpoint of a Service.
    struct Endpoint {
        let addresses: [String]
        /// The addresses with the slice's ports.
        let hosts: [UpstreamHostPattern]
        /// The Pod its `targetRef` names, if any.
        let pod: ObjectName?
    }

    private var endpointsByService: [ObjectName: [Endpoint]] = [:]
    private var clusterHostsByService: [ObjectName: [UpstreamHostPattern]] = [:]
    private var labelsByPod: [ObjectName: [String: String]] = [:]
    private var podsByAddress: [String: Set<ObjectName>] = [:]

    /// Whether no Service has hosts: no slice and no Service with a cluster IP was read.
    var isEmpty: Bool { endpointsByService.isEmpty && clusterHostsByService.isEmpty }

    /// `<service>.<namespace>.svc.cluster.local` for the short names a Kubernetes pod resolves: `<service>` in
    /// `namespace`, and `<service>.<namespace>`. Other names are returned as they are.
    static func qualifiedServiceHost(_ host: String, namespace: String) -> String {
        switch host.count(where: { $0 == "." }) {
        case 0: "\(host).\(namespace).svc.cluster.local"
        case 1: "\(host).svc.cluster.local"
        default: host
        }
    }

    mutating func add(_ endpoints: [Endpoint], of service: ObjectName) {
        endpointsByService[service, default: []] += endpoints
    }

    mutating func add(clusterHosts: [UpstreamHostPattern], of service: ObjectName) {
        clusterHostsByService[service, default: []] += clusterHosts
    }

    mutating func addPod(_ pod: ObjectName, labels: [String: String], addresses: [String]) {
        labelsByPod[pod] = labels
        for address in addresses {
            podsByAddress[address.lowercased(), default: []].insert(pod)
        }
    }

    /// Whether a slice of `service` was read.
    func hasEndpoints(_ service: ObjectName) -> Bool {
        endpointsByService[service] != nil
    }

    /// Every host of `service`: its endpoints' and its cluster IPs'.
    func hosts(of service: ObjectName) -> [UpstreamHostPattern] {
        (endpointsByService[service] ?? []).flatMap(\.hosts) + (clusterHostsByService[service] ?? [])
    }

    /// The hosts of the endpoints of `service` whose pods carry every one of `labels`, or `nil` when the Pod of
    /// an endpoint was not read, so whether the labels select it is unknown: its requests would count for no
    /// target without a word.
    func hosts(of service: ObjectName, podsLabelled labels: [String: String]) -> [UpstreamHostPattern]? {
        var hosts: [UpstreamHostPattern] = []
        for endpoint in endpointsByService[service] ?? [] {
            guard let podLabels = self.labels(of: endpoint) else { return nil }
            if labels.allSatisfy({ podLabels[$0.key] == $0.value }) { hosts += endpoint.hosts }
        }
        return hosts
    }

    /// The labels of the Pod behind `endpoint`: the one its `targetRef` names, else the only one with its address.
    private func labels(of endpoint: Endpoint) -> [String: String]? {
        if let pod = endpoint.pod, let labels = labelsByPod[pod] { return labels }
        let pods = Set(endpoint.addresses.flatMap { podsByAddress[$0.lowercased()] ?? [] })
        guard pods.count == 1, let pod = pods.first else { return nil }
        return labelsByPod[pod]
    }
}

/// Reads the Kubernetes objects that map upstream hosts to Services into ``KubernetesEndpoints``:
/// `discovery.k8s.io/v1` `EndpointSlice`s, and core `v1` `Pod`s and `Service`s, as `kubectl get -o yaml|json` prints them.
///
/// ```yaml
/// apiVersion: discovery.k8s.io/v1
/// kind: EndpointSlice
/// metadata:
///   name: reviews-8xkqz
///   namespace: default
///   labels: {kubernetes.io/service-name: reviews}
/// addressType: IPv4
/// ports: [{name: http, port: 9080, protocol: TCP}]
/// endpoints:
/// - addresses: [10.44.1.20]
///   conditions: {ready: true}
///   targetRef: {kind: Pod, name: reviews-v1-7f99cc4496-gdxfn, namespace: default}
/// ```
///
/// Field meanings follow the [EndpointSlice](https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/),
/// [Pod](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/) and
/// [Service](https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/) API references. Pods and
/// Services that have no address yet, as in manifests written by hand, add nothing and are not checked further.
struct KubernetesEndpointsDecoder: RouteDocumentReader {
    let source: String
    let document: Int?

    /// The label that names a slice's Service.
    static let serviceNameLabel = "kubernetes.io/service-name"

    /// Adds the endpoints of an `EndpointSlice` to `endpoints`; an `FQDN` slice adds none, since Envoy logs addresses.
    func add(slice: KubernetesResource, to endpoints: inout KubernetesEndpoints) throws(RouteConfigError) {
        let labelsPath = slice.path.appending("metadata").appending("labels")
        guard let service = try labels(of: slice)[Self.serviceNameLabel] else {
            throw error(at: labelsPath, "an EndpointSlice needs the label \(Self.serviceNameLabel) naming the Service it belongs to, "
                + "as the EndpointSlice controller sets it; add it, or leave out slices that belong to no Service")
        }
        guard !service.isEmpty else {
            throw error(at: labelsPath.appending(Self.serviceNameLabel), "\(Self.serviceNameLabel) is empty: name the slice's Service")
        }
        let addressType = try requiredString("addressType", in: slice.fields, at: slice.path)
        switch addressType {
        case "IPv4", "IPv6": break
        case "FQDN": return
        default:
            throw error(at: slice.path.appending("addressType"), "addressType must be IPv4, IPv6 or FQDN, found \"\(addressType)\"")
        }
        let ports = try self.ports(slice.fields["ports"], at: slice.path.appending("ports"))
        let endpointsPath = slice.path.appending("endpoints")
        var sliceEndpoints: [KubernetesEndpoints.Endpoint] = []
        for (index, item) in try elements(slice.fields["endpoints"], at: endpointsPath, expected: "an array of endpoints").enumerated() {
            let itemPath = endpointsPath.appending(index: index)
            let fields = try object(item, at: itemPath, expected: "an endpoint object with addresses")
            let addressesPath = itemPath.appending("addresses")
            guard let addressesValue = fields["addresses"] else {
                throw error(at: addressesPath, "missing addresses: an endpoint lists at least one address")
            }
            var addresses: [String] = []
            for (offset, address) in try array(addressesValue, at: addressesPath, expected: "an array of addresses").enumerated() {
                addresses.append(try self.address(address, at: addressesPath.appending(index: offset), type: addressType))
            }
            guard !addresses.isEmpty else { throw error(at: addressesPath, "addresses is empty: an endpoint lists at least one address") }
            sliceEndpoints.append(KubernetesEndpoints.Endpoint(
                addresses: addresses,
                hosts: addresses.flatMap { address in ports.compactMap { UpstreamHostPattern(address: address, port: $0) } },
                pod: try pod(referencedBy: fields["targetRef"], at: itemPath.appending("targetRef"), namespace: slice.namespace)
            ))
        }
        endpoints.add(sliceEndpoints, of: KubernetesEndpoints.ObjectName(namespace: slice.namespace, name: service))
    }

    /// Adds a Pod's labels and addresses (`status.podIP`, `status.podIPs[].ip`) to `endpoints`.
    func add(
        pod fields: [String: JSONValue], type: (group: String, kind: String), at path: JSONPath, to endpoints: inout KubernetesEndpoints
    ) throws(RouteConfigError) {
        guard let (status, statusPath) = try section("status", of: fields, at: path, expected: "a Pod status object") else { return }
        let addresses = try addresses(in: status, at: statusPath, single: "podIP", list: "podIPs") { (item, itemPath) throws(RouteConfigError) in
            (try object(item, at: itemPath, expected: "a pod IP object with an ip")["ip"] ?? .null, itemPath.appending("ip"))
        }
        guard !addresses.isEmpty else { return }
        let pod = try KubernetesResource(fields, type: type, at: path, reader: self)
        endpoints.addPod(KubernetesEndpoints.ObjectName(namespace: pod.namespace, name: pod.name), labels: try labels(of: pod), addresses: addresses)
    }

    /// Adds a Service's cluster IPs (`spec.clusterIP`, `spec.clusterIPs`), with each of its `spec.ports[].port`, to
    /// `endpoints`. A headless Service (`clusterIP: None`) and an `ExternalName` one have none.
    func add(
        service fields: [String: JSONValue], type: (group: String, kind: String), at path: JSONPath, to endpoints: inout KubernetesEndpoints
    ) throws(RouteConfigError) {
        guard let (spec, specPath) = try section("spec", of: fields, at: path, expected: "a Service spec object") else { return }
        let addresses = try addresses(in: spec, at: specPath, single: "clusterIP", list: "clusterIPs") { ($0, $1) }
        guard !addresses.isEmpty else { return }
        let service = try KubernetesResource(fields, type: type, at: path, reader: self)
        let portsPath = specPath.appending("ports")
        var ports: [Int] = []
        for (index, item) in try elements(spec["ports"], at: portsPath, expected: "an array of ports").enumerated() {
            let itemPath = portsPath.appending(index: index)
            ports.append(try requiredInteger("port", in: try object(item, at: itemPath, expected: "a port object"), at: itemPath, within: 1...65535))
        }
        let anyPort: [Int?] = [nil]
        endpoints.add(
            clusterHosts: addresses.flatMap { address in (ports.isEmpty ? anyPort : ports).compactMap { UpstreamHostPattern(address: address, port: $0) } },
            of: KubernetesEndpoints.ObjectName(namespace: service.namespace, name: service.name)
        )
    }

    // MARK: Parts

    /// The object at `key` and its path, or `nil` when there is none.
    private func section(
        _ key: String, of fields: [String: JSONValue], at path: JSONPath, expected: String
    ) throws(RouteConfigError) -> ([String: JSONValue], JSONPath)? {
        guard let value = fields[key] else { return nil }
        return (try object(value, at: path.appending(key), expected: expected), path.appending(key))
    }

    /// The addresses of a field and of its list form (`podIP` and `podIPs`, `clusterIP` and `clusterIPs`), each once;
    /// `element` finds the address in an item of the list.
    private func addresses(
        in fields: [String: JSONValue], at path: JSONPath, single key: String, list listKey: String,
        element: (JSONValue, JSONPath) throws(RouteConfigError) -> (JSONValue, JSONPath)
    ) throws(RouteConfigError) -> [String] {
        var values = fields[key].map { [($0, path.appending(key))] } ?? []
        let listPath = path.appending(listKey)
        for (index, item) in try elements(fields[listKey], at: listPath, expected: "an array of addresses").enumerated() {
            values.append(try element(item, listPath.appending(index: index)))
        }
        var addresses: [String] = []
        for (value, valuePath) in values where !Self.isUnset(value) {
            let address = try address(value, at: valuePath, type: nil)
            if !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }

    /// The slice's port numbers, or `[nil]`, any port, when it lists none or one without a number, which means all ports.
    private func ports(_ value: JSONValue?, at path: JSONPath) throws(RouteConfigError) -> [Int?] {
        var ports: [Int?] = []
        for (index, item) in try elements(value, at: path, expected: "an array of ports").enumerated() {
            let itemPath = path.appending(index: index)
            ports.append(try optionalInteger("port", in: try object(item, at: itemPath, expected: "a port object"), at: itemPath, within: 1...65535))
        }
        return ports.isEmpty || ports.contains(nil) ? [nil] : ports
    }

    /// The Pod an endpoint's `targetRef` names, or `nil` when it names none or another kind of object.
    private func pod(
        referencedBy value: JSONValue?, at path: JSONPath, namespace: String
    ) throws(RouteConfigError) -> KubernetesEndpoints.ObjectName? {
        guard let value, !Self.isUnset(value) else { return nil }
        let fields = try object(value, at: path, expected: "an object reference with a kind and a name")
        guard try optionalString("kind", in: fields, at: path) == "Pod" else { return nil }
        return KubernetesEndpoints.ObjectName(
            namespace: try optionalString("namespace", in: fields, at: path) ?? namespace,
            name: try requiredString("name", in: fields, at: path)
        )
    }

    /// An IPv4 or IPv6 address; of the family `type` (`IPv4`, `IPv6`) names, when given.
    private func address(_ value: JSONValue, at path: JSONPath, type: String?) throws(RouteConfigError) -> String {
        let text = try string(value, at: path, named: "address")
        let isIPv4 = UpstreamHostPattern.ipv4(text[...]) != nil
        let isIPv6 = UpstreamHostPattern.isIPv6(text[...])
        switch type {
        case "IPv4" where !isIPv4:
            throw error(at: path, "address must be an IPv4 address such as 10.44.1.20, as the slice's addressType says, found \"\(text)\"")
        case "IPv6" where !isIPv6:
            throw error(at: path, "address must be an IPv6 address such as fd00::7, as the slice's addressType says, found \"\(text)\"")
        case nil where !isIPv4 && !isIPv6:
            throw error(at: path, "address must be an IPv4 or IPv6 address such as 10.44.1.20 or fd00::7, found \"\(text)\"")
        default:
            return text
        }
    }

    /// `metadata.labels`, empty when the object has none.
    private func labels(of resource: KubernetesResource) throws(RouteConfigError) -> [String: String] {
        let metadataPath = resource.path.appending("metadata")
        let metadata = try object(resource.fields["metadata"] ?? .null, at: metadataPath, expected: "a metadata object")
        return try optional("labels", in: metadata, at: metadataPath, labels) ?? [:]
    }

    /// The items of an optional list, which `kubectl` prints as `null` when it is empty.
    private func elements(_ value: JSONValue?, at path: JSONPath, expected: String) throws(RouteConfigError) -> [JSONValue] {
        guard let value, !Self.isUnset(value) else { return [] }
        return try array(value, at: path, expected: expected)
    }

    /// `null` or an empty string, which Kubernetes writes for a value that is not set, or `None`, a headless Service's
    /// cluster IP.
    private static func isUnset(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .string(""), .string("None"): true
        default: false
        }
    }
}

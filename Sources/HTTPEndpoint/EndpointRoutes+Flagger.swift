import Hummingbird
import Reports
import Storage

extension EndpointRoutes {
    /// `POST /flagger/gate`: see ``FlaggerGate``.
    func addFlagger(to router: Router<BasicRequestContext>) {
        router.post("/flagger/gate") { request, _ in
            let payload = try await decode(FlaggerGate.Payload.self, from: request)
            let gate = try FlaggerGate(payload)
            let since = try TimeParameter.duration(gate.since, name: "metadata since")
            guard since <= limits.rangeMilliseconds else {
                throw EndpointError.badRequest("metadata since=\(gate.since) is longer than the longest window served", hint: "give since such as 10m")
            }
            let scope = ReportScope(from: now() - since, route: gate.route)
            if configuration.fleet == nil {
                let catalog = try await read { database throws(StorageError) in try RouteCatalog.read(database) }
                try catalog.check(route: gate.route)
            }
            let report = try await split(scope, alpha: gate.alpha, tolerancePP: gate.tolerancePP)
            let canary = [payload.namespace, payload.name].compactMap { $0 }.joined(separator: "/")
            return JSONResponse.response(try gate.decide(report, canary: canary))
        }
    }
}

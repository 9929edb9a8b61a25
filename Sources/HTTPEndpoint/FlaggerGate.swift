import HTTPTypes
import Reports

/// `POST /flagger/gate`: a Flagger webhook (`confirm-traffic-increase`, `confirm-promotion`, `rollout`, …) that
/// lets a canary go on while its route splits traffic as configured. Flagger posts
/// `{"name", "namespace", "phase", "checksum", "metadata": {…}}`; the webhook's `metadata` says what to test:
/// `route` (required), `since` (10m), `alpha` (0.001), `tolerance_pp` (1.0), and `insufficient_data`
/// (`proceed`, the default, since the first minutes of a step have few requests; or `halt`).
/// 200 lets the canary proceed; 412 halts it, with the reason (Flagger counts a failed check towards its
/// threshold and rolls back past it).
struct FlaggerGate: Sendable, Equatable {
    struct Payload: Decodable, Sendable {
        var name: String?
        var namespace: String?
        var phase: String?
        var checksum: String?
        var metadata: [String: String]?
    }

    /// The 200 body: what was tested and why the canary may proceed.
    struct Decision: Encodable, Sendable, Equatable {
        var canary: String
        var route: String
        var verdict: String
        var pValue: Double?
        var requests: Int
        var reason: String

        enum CodingKeys: String, CodingKey {
            case canary, route, verdict
            case pValue = "p_value"
            case requests, reason
        }
    }

    var route: String
    var since: Substring
    var alpha: Double
    var tolerancePP: Double
    var haltOnInsufficientData: Bool

    init(_ payload: Payload) throws(EndpointError) {
        let metadata = payload.metadata ?? [:]
        guard let route = metadata["route"], !route.isEmpty else {
            throw .badRequest("the webhook metadata has no route", hint: "add metadata: {route: NAME} to the Canary's webhook")
        }
        self.route = route
        since = Substring(metadata["since"] ?? "10m")
        guard let alpha = Double(metadata["alpha"] ?? "0.001"), alpha > 0, alpha < 1 else {
            throw .badRequest("metadata alpha=\(metadata["alpha"] ?? "") is not between 0 and 1", hint: "give alpha such as \"0.001\"")
        }
        guard let tolerance = Double(metadata["tolerance_pp"] ?? "1.0"), tolerance >= 0, tolerance <= 100 else {
            throw .badRequest("metadata tolerance_pp=\(metadata["tolerance_pp"] ?? "") is out of range", hint: "give tolerance_pp such as \"1.0\"")
        }
        self.alpha = alpha
        tolerancePP = tolerance
        switch metadata["insufficient_data"] ?? "proceed" {
        case "proceed": haltOnInsufficientData = false
        case "halt": haltOnInsufficientData = true
        case let other: throw .badRequest("metadata insufficient_data=\(other) is not proceed or halt", hint: "give proceed or halt")
        }
    }

    /// The decision on the route's latest segment (the weights in force now) of `report`; throws the 412 that halts.
    func decide(_ report: SplitReport, canary: String) throws(EndpointError) -> Decision {
        guard let segment = report.routes.last(where: { $0.route == route }) else {
            throw EndpointError(
                .preconditionFailed, "route \(route) has no two weighted targets to test",
                hint: "record the route's weights (routelens ingest --routes, or routes import) before gating on it"
            )
        }
        var decision = Decision(canary: canary, route: route, verdict: segment.verdict, pValue: segment.pValue, requests: segment.requests, reason: "")
        switch segment.verdict {
        case "mismatch":
            throw EndpointError(
                .preconditionFailed,
                "route \(route) does not split as configured: p = \(segment.pValue) < alpha \(alpha), largest deviation \(segment.maxDeviationPP) pp over \(segment.requests) requests",
                hint: "check the mesh's weights and the canary's health; GET /api/v1/split?route=\(route)&since=\(since) has every target"
            )
        case "insufficient-data" where haltOnInsufficientData:
            throw EndpointError(
                .preconditionFailed, "route \(route) has too few requests to test (\(segment.requests))",
                hint: "wait for more traffic, or set insufficient_data: proceed"
            )
        case "insufficient-data":
            decision.reason = "too few requests to test yet; proceeding (insufficient_data: proceed)"
        default:
            decision.reason = "the split matches the configured weights"
        }
        return decision
    }
}

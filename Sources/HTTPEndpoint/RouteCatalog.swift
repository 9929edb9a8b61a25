import Reports
import GRDB
import Queries
import Storage

/// Every route the database knows, with its targets: those with requests (raw or rolled up) and those of the
/// weights in force. `GET /api/v1/routes` answers with it; an unknown `route=` is refused with its names;
/// Grafana's variables and ad-hoc filters offer its values.
///
/// ```json
/// {"routes": [{"route": "orders", "targets": [{"requests_seen": true, "target": "orders-v1", "weight": 80}, …]}]}
/// ```
struct RouteCatalog: Sendable, Equatable, Encodable {
    var routes: [Route]

    struct Route: Sendable, Equatable, Encodable {
        var route: String
        var targets: [Target]
    }

    struct Target: Sendable, Equatable, Encodable {
        var target: String
        /// The weight in force; absent for a target no recorded weights name.
        var weight: Int?
        /// Whether any request was attributed to it.
        var requestsSeen: Bool

        enum CodingKeys: String, CodingKey {
            case target, weight
            case requestsSeen = "requests_seen"
        }
    }

    var names: [String] { routes.map(\.route) }

    /// Reads the catalog. Blocking: call from ``BlockingReads``.
    static func read(_ database: RequestDatabase) throws(StorageError) -> RouteCatalog {
        let seen: [(route: String, target: String?)]
        do {
            let query = try NamedQuery.named("route-names")
            seen = try database.pool.read { db in
                try Row.fetchAll(db, sql: query.sql).map { ($0["route"], $0["target"]) }
            }
        } catch {
            throw StorageError(error, operation: .read("route-names"), path: database.path)
        }
        let inForce = try database.routeWeightHistory().last?.weights ?? []
        var byRoute: [String: [String: Target]] = [:]
        for (route, target) in seen {
            byRoute[route, default: [:]][target ?? noTarget] = Target(target: target ?? noTarget, weight: nil, requestsSeen: true)
        }
        for weight in inForce {
            byRoute[weight.route, default: [:]][weight.target, default: Target(target: weight.target, requestsSeen: false)].weight = weight.weight
        }
        return RouteCatalog(routes: byRoute.keys.sorted().map { route in
            Route(route: route, targets: (byRoute[route] ?? [:]).values.sorted { $0.target < $1.target })
        })
    }

    /// Refuses a route the database does not know, naming those it does.
    func check(route: String?) throws(EndpointError) {
        guard let route, !names.contains(route) else { return }
        let known = names.prefix(50).joined(separator: ", ")
        throw .badRequest(
            "unknown route \(route)",
            hint: names.isEmpty ? "the database has no routes yet; ingest logs first" : "routes in the database: \(known)\(names.count > 50 ? ", …" : "") (GET /api/v1/routes lists them)"
        )
    }
}

extension RouteCatalog.Target {
    init(target: String, requestsSeen: Bool) {
        self.init(target: target, weight: nil, requestsSeen: requestsSeen)
    }
}

/// How reports by target name the requests attributed to no target (the Reports module's spelling).
let noTarget = ReportNames.noTarget

import GRDB

/// The daemon's database opened read-only, to count what it committed. Every call opens a fresh
/// connection, so it sees the latest commit and holds nothing open between polls.
struct StoredRequests {
    let path: String

    /// Rows in `request`.
    func count() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM request") ?? 0 }
    }

    /// Lines consumed from every file according to the checkpoints, records and rejections together.
    func linesRead() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT coalesce(sum(lines), 0) FROM source_file") ?? 0 }
    }

    /// Requests counted by the rollups of each period (minute, hour, day), by period in milliseconds.
    func rollupRequests() throws -> [Int: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT period, SUM(requests) AS requests FROM request_rollup GROUP BY period")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["period"] as Int, $0["requests"] as Int) })
        }
    }

    /// (minute, rollup shape) pairs whose minute rollup does not count exactly the raw rows of that minute and shape.
    func rollupMismatches() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                WITH rollup_shape AS (
                    -- Rollups count under the shape without method, protocol, authority, cluster and route name.
                    SELECT shape.id, (SELECT MIN(kept.id) FROM request_shape AS kept
                                      WHERE kept.route_id IS shape.route_id AND kept.target_id IS shape.target_id
                                        AND kept.operation_id IS shape.operation_id AND kept.flags_id IS shape.flags_id
                                        AND kept.details_id IS shape.details_id AND kept.tcp = shape.tcp
                                        AND kept.health_check = shape.health_check AND kept.inbound = shape.inbound
                                        AND kept.method_id IS NULL AND kept.protocol_id IS NULL AND kept.authority_id IS NULL
                                        AND kept.upstream_cluster_id IS NULL AND kept.route_name_id IS NULL) AS rollup_id
                    FROM request_shape AS shape
                ),
                raw AS (
                    SELECT CASE WHEN start_time IS NULL THEN -9223372036854775808
                                ELSE start_time - ((start_time % 60000) + 60000) % 60000 END AS minute,
                           rollup_shape.rollup_id AS shape_id, COUNT(*) AS requests
                    FROM request JOIN rollup_shape ON rollup_shape.id = request.shape_id GROUP BY 1, 2
                ),
                rolled AS (SELECT start AS minute, shape_id, requests FROM request_rollup WHERE period = 60000),
                differences AS (
                    SELECT * FROM (SELECT * FROM raw EXCEPT SELECT * FROM rolled)
                    UNION ALL
                    SELECT * FROM (SELECT * FROM rolled EXCEPT SELECT * FROM raw)
                )
                SELECT COUNT(*) FROM differences
                """) ?? -1
        }
    }

    /// Rows in `rejected_line`.
    func rejectedCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rejected_line") ?? 0 }
    }

    /// Every row's `request_id` (`nil` for TCP records and requests without one), in no particular order.
    func requestIDs() throws -> [String?] {
        try read { try String?.fetchAll($0, sql: "SELECT request_id FROM request_view") }
    }

    /// Request ids stored more than once, with how often.
    func duplicatedRequestIDs() throws -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT request_id, count(*) AS copies FROM request_view
                WHERE request_id IS NOT NULL GROUP BY request_id HAVING count(*) > 1
                """)
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["request_id"] as String, $0["copies"] as Int) })
        }
    }

    /// The `path` column of the request with `requestID`.
    func requestPath(of requestID: String) throws -> String? {
        try read { try String.fetchOne($0, sql: "SELECT path FROM request_view WHERE request_id = ?", arguments: [requestID]) }
    }

    /// Each request's attributed target (`nil` for none) by `request_id`.
    func targetsByRequestID() throws -> [String: String?] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT request_id, target FROM request_view WHERE request_id IS NOT NULL")
            return Dictionary(rows.map { ($0["request_id"] as String, $0["target"] as String?) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every recorded version of the route weights, oldest first: when it took effect and each target's weight.
    func routeWeightVersions() throws -> [(effectiveAt: Int64, weights: [String: Int])] {
        try read { db in
            let times = try Int64.fetchAll(db, sql: "SELECT effective_at FROM route_weight_version ORDER BY effective_at")
            return try times.map { time in
                let rows = try Row.fetchAll(db, sql: "SELECT target, weight FROM route_weight WHERE effective_at = ?", arguments: [time])
                return (time, Dictionary(uniqueKeysWithValues: rows.map { ($0["target"] as String, $0["weight"] as Int) }))
            }
        }
    }

    private func read<Value>(_ body: (Database) throws -> Value) throws -> Value {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: path, configuration: configuration).read(body)
    }
}

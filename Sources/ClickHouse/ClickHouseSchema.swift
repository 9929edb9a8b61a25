import Queries

/// The fleet's tables (`queries/clickhouse/`): the database, raw requests, rollups and, with a cluster, their
/// Distributed tables. Creating them is idempotent (`IF NOT EXISTS`), so `init` can run on every deploy.
package struct ClickHouseSchema: Sendable {
    package let client: ClickHouseClient
    /// How long ClickHouse keeps raw rows, in days; `nil` keeps them forever.
    package var retentionDays: Int?
    /// With a cluster: create every table on every server at once (`ON CLUSTER`, distributed DDL, which needs
    /// ZooKeeper or ClickHouse Keeper); `false` creates them on the server the URL reaches only, to be run against
    /// each server of a cluster without either.
    package var onEveryServer = true

    package init(client: ClickHouseClient, retentionDays: Int? = 14) {
        self.client = client
        self.retentionDays = retentionDays
    }

    /// What `create()` did: whether the server took the TTL.
    package struct Outcome: Sendable, Equatable {
        package var serverVersion: String
        /// `false` when retention was asked for but the server predates TTL (19.6).
        package var ttlApplied: Bool
    }

    /// Creates the database and tables that do not exist yet.
    package func create() async throws(ClickHouseError) -> Outcome {
        let version = try await client.serverVersion()
        let takesTTL = Self.supportsTTL(version: version)
        let endpoint = client.endpoint
        let onCluster = onEveryServer ? endpoint.cluster.map { "ON CLUSTER \($0)" } : nil
        var values = ["database": endpoint.database, "on_cluster": onCluster ?? "", "cluster": endpoint.cluster ?? ""]
        values["ttl"] = retentionDays.flatMap { days in takesTTL ? "TTL day + INTERVAL \(days) DAY" : nil } ?? ""
        var names = ["create-database", "requests", "rollups"]
        if endpoint.cluster != nil { names += ["requests-distributed", "rollups-distributed"] }
        for name in names {
            let query: ClickHouseQuery
            do { query = try ClickHouseQuery.named(name) } catch { throw .badAnswer(error.description) }
            try await client.execute(query.filled(values))
        }
        return Outcome(serverVersion: version, ttlApplied: retentionDays != nil && takesTTL)
    }

    /// TTL arrived in ClickHouse 19.6.
    static func supportsTTL(version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        return (parts[0], parts[1]) >= (19, 6)
    }
}

import GRDB

extension RequestDatabase {
    /// The schema, one migration per change; GRDB records which ran in `grdb_migrations`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: requests, files, rejected lines, route targets") { db in
            try db.execute(sql: """
                CREATE TABLE source_file (
                    id INTEGER PRIMARY KEY,
                    -- The first KiB of decompressed content: a file's identity across renames and compression.
                    head BLOB NOT NULL,
                    path TEXT NOT NULL,
                    format TEXT NOT NULL,
                    -- Checkpoint: decompressed bytes and lines consumed, committed with the rows they cover.
                    offset INTEGER NOT NULL,
                    lines INTEGER NOT NULL,
                    records INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE request (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES source_file(id),
                    line INTEGER NOT NULL,
                    start_time INTEGER,
                    method TEXT,
                    path TEXT,
                    protocol TEXT,
                    status INTEGER,
                    flags TEXT,
                    details TEXT,
                    bytes_received INTEGER,
                    bytes_sent INTEGER,
                    duration_ms INTEGER,
                    upstream_service_time_ms INTEGER,
                    x_forwarded_for TEXT,
                    user_agent TEXT,
                    request_id TEXT,
                    authority TEXT,
                    upstream_host TEXT,
                    upstream_cluster TEXT,
                    route_name TEXT,
                    tcp INTEGER NOT NULL,
                    -- Attribution: the configured route (or logged route name, or '(unmatched)') and target.
                    route TEXT NOT NULL,
                    target TEXT
                );
                CREATE INDEX request_by_time ON request(start_time);
                CREATE TABLE rejected_line (
                    file_id INTEGER NOT NULL REFERENCES source_file(id),
                    line INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (file_id, line)
                ) WITHOUT ROWID;
                CREATE TABLE route_target (
                    route TEXT NOT NULL,
                    target TEXT NOT NULL,
                    weight INTEGER NOT NULL,
                    PRIMARY KEY (route, target)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: last error per file") { db in
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN last_error TEXT")
        }
        migrator.registerMigration("v3: per-minute rollups") { db in
            try db.execute(sql: """
                -- What retention keeps of raw requests it deletes: HTTP requests per minute, route and target
                -- ('' for none), with a mergeable histogram of their durations (LatencyHistogram).
                CREATE TABLE request_minute (
                    minute INTEGER NOT NULL,
                    route TEXT NOT NULL,
                    target TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    errors_5xx INTEGER NOT NULL,
                    errors_4xx INTEGER NOT NULL,
                    durations BLOB NOT NULL,
                    PRIMARY KEY (minute, route, target)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4: labels stored once, requests refer to them by id") { db in
            // Spelled out, not derived from RequestBatch: a migration must do the same thing forever.
            let labelled = [
                "method", "protocol", "flags", "details", "user_agent", "authority", "upstream_host", "upstream_cluster",
                "route_name", "route", "target",
            ]
            let plain = [
                "id", "file_id", "line", "start_time", "status", "bytes_received", "bytes_sent", "duration_ms",
                "upstream_service_time_ms", "tcp",
            ]
            let text = ["path", "x_forwarded_for", "request_id"]
            let distinctValues = labelled.map { "SELECT \($0) FROM request WHERE \($0) IS NOT NULL" }.joined(separator: " UNION ")
            let columns = plain + labelled.map { "\($0)_id" } + text
            let values = plain + labelled.map { "(SELECT id FROM label WHERE text = previous.\($0))" } + text
            try db.execute(sql: """
                -- Each distinct method, protocol, flags, details, user agent, authority, upstream host and
                -- cluster, route name, route and target, once: a request row holds 1-2 byte ids instead of
                -- repeating the text (290 bytes per request became 137 on routelens-bench's log). No foreign keys on the ids:
                -- checking eleven of them per inserted row would cost ingest more than it protects.
                CREATE TABLE label (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE
                );
                INSERT INTO label (text) \(distinctValues);
                CREATE TABLE request_v3 (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL REFERENCES source_file(id),
                    line INTEGER NOT NULL,
                    start_time INTEGER,
                    status INTEGER,
                    bytes_received INTEGER,
                    bytes_sent INTEGER,
                    duration_ms INTEGER,
                    upstream_service_time_ms INTEGER,
                    tcp INTEGER NOT NULL,
                    method_id INTEGER,
                    protocol_id INTEGER,
                    flags_id INTEGER,
                    details_id INTEGER,
                    user_agent_id INTEGER,
                    authority_id INTEGER,
                    upstream_host_id INTEGER,
                    upstream_cluster_id INTEGER,
                    route_name_id INTEGER,
                    -- Attribution: the configured route (or logged route name, or '(unmatched)') and target.
                    route_id INTEGER NOT NULL,
                    target_id INTEGER,
                    path TEXT,
                    x_forwarded_for TEXT,
                    request_id TEXT
                );
                INSERT INTO request_v3 (\(columns.joined(separator: ", ")))
                    SELECT \(values.joined(separator: ", ")) FROM request AS previous ORDER BY id;
                DROP TABLE request;
                ALTER TABLE request_v3 RENAME TO request;
                CREATE INDEX request_by_time ON request(start_time);
                -- Requests as v1 stored them, labels spelled out: for ad-hoc SQL.
                CREATE VIEW request_view AS
                    SELECT request.id, file_id, line, start_time,
                           method.text AS method, path, protocol.text AS protocol, status,
                           flags.text AS flags, details.text AS details, bytes_received, bytes_sent,
                           duration_ms, upstream_service_time_ms, x_forwarded_for,
                           user_agent.text AS user_agent, request_id, authority.text AS authority,
                           upstream_host.text AS upstream_host, upstream_cluster.text AS upstream_cluster,
                           route_name.text AS route_name, tcp, route.text AS route, target.text AS target
                    FROM request
                    LEFT JOIN label AS method ON method.id = method_id
                    LEFT JOIN label AS protocol ON protocol.id = protocol_id
                    LEFT JOIN label AS flags ON flags.id = flags_id
                    LEFT JOIN label AS details ON details.id = details_id
                    LEFT JOIN label AS user_agent ON user_agent.id = user_agent_id
                    LEFT JOIN label AS authority ON authority.id = authority_id
                    LEFT JOIN label AS upstream_host ON upstream_host.id = upstream_host_id
                    LEFT JOIN label AS upstream_cluster ON upstream_cluster.id = upstream_cluster_id
                    LEFT JOIN label AS route_name ON route_name.id = route_name_id
                    JOIN label AS route ON route.id = route_id
                    LEFT JOIN label AS target ON target.id = target_id;
                """)
        }
        migrator.registerMigration("v5: request shapes, classes and operations") { db in
            // Spelled out, not derived from RequestBatch or HealthCheckAgents: a migration must do the same thing forever.
            let shapeLabels = [
                "route", "target", "method", "protocol", "flags", "details", "authority", "upstream_cluster", "route_name",
            ]
            let shapeColumns = shapeLabels.map { "\($0)_id" } + ["tcp", "health_check", "inbound"]
            let healthCheckAgents = [
                "Envoy/HC", "kube-probe/", "ELB-HealthChecker/", "GoogleHC/", "Consul Health Check", "Amazon-Route53-Health-Check-Service",
            ]
            let healthCheck = "(" + healthCheckAgents.map { "COALESCE(user_agent.text GLOB '\($0)*', 0)" }.joined(separator: " OR ") + ")"
            let sameShape = shapeColumns.map { "shape.\($0) IS classified.\($0)" }.joined(separator: " AND ")
            let kept = [
                "id", "file_id", "line", "start_time", "status", "bytes_received", "bytes_sent", "duration_ms",
                "upstream_service_time_ms",
            ]
            try db.execute(sql: """
                -- What a request was, apart from its numbers and the few columns that rarely repeat: its route, target
                -- and OpenAPI operation, the low-cardinality labels of its line, and its class (a health check; the
                -- server-side sidecar's copy of a request Istio also logs on the client side). A few thousand shapes
                -- describe millions of requests, so a request row holds one shape id instead of twelve columns: ingest
                -- binds and SQLite encodes 15 values a row instead of 24.
                CREATE TABLE request_shape (
                    id INTEGER PRIMARY KEY,
                    route_id INTEGER NOT NULL,
                    target_id INTEGER,
                    method_id INTEGER,
                    protocol_id INTEGER,
                    flags_id INTEGER,
                    details_id INTEGER,
                    authority_id INTEGER,
                    upstream_cluster_id INTEGER,
                    route_name_id INTEGER,
                    tcp INTEGER NOT NULL,
                    -- User-Agent of a known health checker (Envoy/HC, kube-probe/ …): kept out of route statistics.
                    health_check INTEGER NOT NULL,
                    -- Logged by the server-side sidecar (Istio `inbound|…` cluster): the other copy of a request.
                    inbound INTEGER NOT NULL,
                    -- `GET /orders/{id}` from --openapi, NULL when no operation matched.
                    operation_id INTEGER
                );
                CREATE INDEX request_shape_by_columns ON request_shape(\(shapeColumns.joined(separator: ", ")), operation_id);
                CREATE TEMP TABLE classified AS
                    SELECT request.*, \(healthCheck) AS health_check,
                           COALESCE(upstream_cluster.text GLOB 'inbound|*', 0) AS inbound
                    FROM request
                    LEFT JOIN label AS user_agent ON user_agent.id = request.user_agent_id
                    LEFT JOIN label AS upstream_cluster ON upstream_cluster.id = request.upstream_cluster_id;
                INSERT INTO request_shape (\(shapeColumns.joined(separator: ", ")))
                    SELECT DISTINCT \(shapeColumns.joined(separator: ", ")) FROM classified;
                -- No foreign keys: the transaction that stores rows also records their file, and checking a parent
                -- per inserted row costs ingest more than it protects.
                CREATE TABLE request_v5 (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    start_time INTEGER,
                    status INTEGER,
                    bytes_received INTEGER,
                    bytes_sent INTEGER,
                    duration_ms INTEGER,
                    upstream_service_time_ms INTEGER,
                    shape_id INTEGER NOT NULL,
                    user_agent_id INTEGER,
                    upstream_host_id INTEGER,
                    path TEXT,
                    x_forwarded_for TEXT,
                    -- A lower-case UUID as its 16 bytes (20 bytes a row less), any other request id as text.
                    request_id
                );
                INSERT INTO request_v5 (\(kept.joined(separator: ", ")), shape_id, user_agent_id, upstream_host_id, path, x_forwarded_for, request_id)
                    SELECT \(kept.map { "classified.\($0)" }.joined(separator: ", ")),
                           (SELECT MIN(id) FROM request_shape AS shape WHERE \(sameShape)),
                           user_agent_id, upstream_host_id, path, x_forwarded_for, request_id
                    FROM classified ORDER BY id;
                DROP TABLE classified;
                DROP VIEW request_view;
                DROP TABLE request;
                ALTER TABLE request_v5 RENAME TO request;
                -- Requests with every label spelled out and request ids as text: for ad-hoc SQL.
                CREATE VIEW request_view AS
                    SELECT request.id, file_id, line, start_time,
                           method.text AS method, path, protocol.text AS protocol, status,
                           flags.text AS flags, details.text AS details, bytes_received, bytes_sent,
                           duration_ms, upstream_service_time_ms, x_forwarded_for,
                           user_agent.text AS user_agent,
                           CASE WHEN typeof(request_id) = 'blob' THEN
                               lower(substr(hex(request_id), 1, 8) || '-' || substr(hex(request_id), 9, 4) || '-'
                                   || substr(hex(request_id), 13, 4) || '-' || substr(hex(request_id), 17, 4) || '-'
                                   || substr(hex(request_id), 21))
                           ELSE request_id END AS request_id,
                           authority.text AS authority,
                           upstream_host.text AS upstream_host, upstream_cluster.text AS upstream_cluster,
                           route_name.text AS route_name, shape.tcp, route.text AS route, target.text AS target,
                           operation.text AS operation, shape.health_check, shape.inbound
                    FROM request
                    JOIN request_shape AS shape ON shape.id = request.shape_id
                    LEFT JOIN label AS method ON method.id = shape.method_id
                    LEFT JOIN label AS protocol ON protocol.id = shape.protocol_id
                    LEFT JOIN label AS flags ON flags.id = shape.flags_id
                    LEFT JOIN label AS details ON details.id = shape.details_id
                    LEFT JOIN label AS user_agent ON user_agent.id = request.user_agent_id
                    LEFT JOIN label AS authority ON authority.id = shape.authority_id
                    LEFT JOIN label AS upstream_host ON upstream_host.id = request.upstream_host_id
                    LEFT JOIN label AS upstream_cluster ON upstream_cluster.id = shape.upstream_cluster_id
                    LEFT JOIN label AS route_name ON route_name.id = shape.route_name_id
                    JOIN label AS route ON route.id = shape.route_id
                    LEFT JOIN label AS target ON target.id = shape.target_id
                    LEFT JOIN label AS operation ON operation.id = shape.operation_id;
                """)
        }
        migrator.registerMigration("v6: route weight history") { db in
            try db.execute(sql: """
                -- Each version of the route weights and the instant it took effect: milliseconds since the epoch,
                -- UTC, like request.start_time, or -9223372036854775808 for the version in force since the
                -- beginning. A request counts under the last version that took effect at or before its start
                -- time. recorded_at is when RouteLens recorded the version (an import may record an earlier one).
                CREATE TABLE route_weight_version (
                    effective_at INTEGER PRIMARY KEY,
                    recorded_at INTEGER NOT NULL
                );
                CREATE TABLE route_weight (
                    effective_at INTEGER NOT NULL REFERENCES route_weight_version(effective_at) ON DELETE CASCADE,
                    route TEXT NOT NULL,
                    target TEXT NOT NULL,
                    weight INTEGER NOT NULL,
                    PRIMARY KEY (effective_at, route, target)
                ) WITHOUT ROWID;
                -- The one table v1-v5 kept is the version in force since the beginning.
                INSERT INTO route_weight_version (effective_at, recorded_at)
                    SELECT -9223372036854775808, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE EXISTS (SELECT 1 FROM route_target);
                INSERT INTO route_weight (effective_at, route, target, weight)
                    SELECT -9223372036854775808, route, target, weight FROM route_target;
                DROP TABLE route_target;
                """)
        }
        migrator.registerMigration("v7: time blocks instead of a time index") { db in
            try db.execute(sql: """
                -- The least and greatest start time of each run of consecutive request ids, kept by the writer as it
                -- inserts (a block range index, like PostgreSQL's BRIN): a query for a window reads only the blocks
                -- that overlap it. Replaces an index on start_time, whose insert per row cost ingest 8% of its time
                -- and 17 bytes a row. Logs are written in time order, so blocks are narrow. A block is at most
                -- RequestBlocks.rowsPerBlock ids; blocks never overlap; min_time is NULL when no row has a time.
                CREATE TABLE request_block (
                    first_id INTEGER PRIMARY KEY,
                    last_id INTEGER NOT NULL,
                    min_time INTEGER,
                    max_time INTEGER
                );
                INSERT INTO request_block (first_id, last_id, min_time, max_time)
                    SELECT MIN(id), MAX(id), MIN(start_time), MAX(start_time) FROM request GROUP BY id / 10000;
                DROP INDEX IF EXISTS request_by_time;
                """)
        }
        migrator.registerMigration("v6: the content before each checkpoint, and the file bytes read") { db in
            // Up to a KiB of content just before `offset`: a file is the one read before only if it still holds
            // these bytes there (see SourceFile.tail). And the file bytes read at the checkpoint (compressed for
            // gzip), for status to show a gzip file's lag. NULL for checkpoints recorded before.
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN tail BLOB")
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN compressed_offset INTEGER")
        }
        migrator.registerMigration("v7: ingest-time rollups per minute, hour and day") { db in
            try migrateToRollups(db)
        }
        return migrator
    }
}

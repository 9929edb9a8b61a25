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
        return migrator
    }
}

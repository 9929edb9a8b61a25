-- Every request every node shipped, one row per access-log line: the raw rows of each node's SQLite
-- (request_view), named by node and by the log line they came from, (file, line). file is a fingerprint of the
-- file's first KiB (FNV-1a 64), so a line keeps its identity across logrotate's renames and compression, and when
-- a node lost its SQLite file and ships the same logs again.
--
-- Exactly once: a node may send a row twice (it crashed after ClickHouse acknowledged a batch but before it
-- recorded that; its watermark was lost). ReplacingMergeTree keeps one row per sorting key (hour, node, file, line) when
-- it merges parts, and the reports read with FINAL, which applies that merge at query time to parts not merged
-- yet. Insert deduplication tokens would stop duplicates at the door instead, but ClickHouse 18.16 deduplicates
-- inserted blocks only in Replicated tables, by block hash, and only when a retried block is byte-identical; a
-- node that lost its watermark sends differently cut batches. Idempotent keys work in every engine and version.
--
-- Partitioned by day (of start_time; lines without one fall on 1970-01-01) so retention drops whole parts, and
-- sorted by the hour first (hours since the epoch), so a report's window reads only its hours' part of the primary
-- index, FINAL included: a ten-minute incident window reads an hour of the fleet, not the day. The hour is a
-- function of the line, so every copy of a line still has the same sorting key, (hour, node, file, line), which is
-- what ReplacingMergeTree deduplicates by. day and hour are DEFAULT, not MATERIALIZED: an insert through
-- requests_all forwards every column, and 18.16 refuses a MATERIALIZED one there.
-- {ttl}: empty on servers without TTL (before 19.6, Debian's 18.16 among them), else TTL day + INTERVAL N DAY,
-- N from --retain-raw (default 14 days, as ingest --follow keeps raw rows).
CREATE TABLE IF NOT EXISTS {database}.requests {on_cluster} (
    node String,
    file UInt64,
    line UInt64,
    start_time Nullable(Int64),
    day Date DEFAULT toDate(toDateTime(intDiv(ifNull(start_time, 0), 1000))),
    hour Int64 DEFAULT intDiv(ifNull(start_time, 0), 3600000),
    method Nullable(String),
    path Nullable(String),
    protocol Nullable(String),
    status Nullable(Int32),
    flags Nullable(String),
    details Nullable(String),
    bytes_received Nullable(Int64),
    bytes_sent Nullable(Int64),
    duration_ms Nullable(Int64),
    upstream_service_time_ms Nullable(Int64),
    x_forwarded_for Nullable(String),
    user_agent Nullable(String),
    request_id Nullable(String),
    authority Nullable(String),
    upstream_host Nullable(String),
    upstream_cluster Nullable(String),
    route_name Nullable(String),
    tcp UInt8,
    route String,
    target Nullable(String),
    operation Nullable(String),
    health_check UInt8,
    inbound UInt8
) ENGINE = ReplacingMergeTree
PARTITION BY day
ORDER BY (hour, node, file, line)
{ttl};

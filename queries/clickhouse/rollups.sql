-- Every node's rollups: SQLite's request_rollup (requests counted per minute, hour and day and per rollup shape),
-- with the shape spelled out in the labels the reports group and filter by. What the fleet reports read for long
-- windows, as SQLite's reports do: counts exact, percentiles from the merged histograms.
--
-- period is the rollup's length in milliseconds (60000, 3600000, 86400000) and start its first millisecond since the
-- epoch (-9223372036854775808 for requests without a start time). target, operation, flags and details are '' for
-- none. The duration histogram (Statistics' LatencyHistogram: exact below 128 ms, then 128 buckets per power of two)
-- is two arrays, bucket indices and their counts, so that sumMap merges any number of rows, nodes and shards into
-- one; duration_min and duration_max keep the extremes exact (0 when the rollup has no duration).
--
-- Exactly once: a node ships a rollup row whole, with all its requests so far (a minute grows while later batches
-- add to it), and ships it again when it grows. ReplacingMergeTree(requests) keeps, per sorting key, the row with
-- the most requests, which is the latest; the same count sent twice (a crash before the watermark, a node that lost
-- its watermark) is the same row. The reports read FINAL. The sorting key starts with (period, start) so that a
-- report's tiles read only their own stretch of the primary index.
CREATE TABLE IF NOT EXISTS {database}.rollups {on_cluster} (
    node String,
    period UInt32,
    start Int64,
    day Date DEFAULT toDate(toDateTime(intDiv(greatest(start, 0), 1000))),
    route String,
    target String,
    operation String,
    flags String,
    details String,
    tcp UInt8,
    health_check UInt8,
    inbound UInt8,
    requests UInt64,
    status_2xx UInt64,
    status_3xx UInt64,
    status_4xx UInt64,
    status_5xx UInt64,
    status_429 UInt64,
    bytes_received Int64,
    bytes_sent Int64,
    duration_buckets Array(Int32),
    duration_counts Array(UInt64),
    duration_min Int64,
    duration_max Int64
) ENGINE = ReplacingMergeTree(requests)
PARTITION BY toYYYYMM(day)
ORDER BY (period, start, node, route, target, operation, flags, details, tcp, health_check, inbound);

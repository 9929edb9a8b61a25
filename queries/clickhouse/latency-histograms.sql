-- The rollups' duration histograms over the plan's tiles, merged per route (and target, operation) across minutes,
-- hours, days and nodes by adding bucket counts (sumMap); the reporter adds the raw durations at the window's edges
-- (latency-durations.sql) and reads percentiles off the result, as SQLite's rollup answers do (within 0.4%).
-- Placeholders as in errors.sql.
SELECT route, target_key, operation_key, tupleElement(merged, 1) AS buckets, tupleElement(merged, 2) AS counts, minimum, maximum
FROM (
    SELECT route, {target} AS target_key, {operation} AS operation_key,
           sumMap(duration_buckets, duration_counts) AS merged, min(duration_min) AS minimum, max(duration_max) AS maximum
    FROM {rollups} FINAL
    WHERE tcp = 0 AND length(duration_buckets) > 0 AND {filter} AND ({rollup_window})
    GROUP BY route, target_key, operation_key
)
ORDER BY route, target_key, operation_key
FORMAT JSONEachRow;

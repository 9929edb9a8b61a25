-- The raw durations over the plan's raw stretches (the parts of minutes at a window's edges), per route (and
-- target, operation), for the reporter to add to the rollups' histograms (latency-histograms.sql).
SELECT route, {target} AS target_key, {operation} AS operation_key, groupArray(assumeNotNull(duration_ms)) AS durations
FROM {requests} FINAL
WHERE tcp = 0 AND duration_ms IS NOT NULL AND {filter} AND ({raw_window})
GROUP BY route, target_key, operation_key
FORMAT JSONEachRow;

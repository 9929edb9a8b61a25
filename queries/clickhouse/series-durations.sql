-- Every raw duration in the window by interval of {interval_ms} milliseconds and route (and target), for serve's
-- Grafana latency series over the fleet (exact nearest rank per interval, as queries/reports/series-durations.sql).
-- Read after series-durations-count.sql said the window holds no more than serve's limit.
SELECT intDiv(assumeNotNull(start_time), toInt64({interval_ms})) * toInt64({interval_ms}) AS bucket, route, {target} AS target_key,
       groupArray(assumeNotNull(duration_ms)) AS durations
FROM {requests} FINAL
WHERE tcp = 0 AND duration_ms IS NOT NULL AND start_time IS NOT NULL AND {filter} AND ({raw_window})
GROUP BY bucket, route, target_key
FORMAT JSONEachRow;

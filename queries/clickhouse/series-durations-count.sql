-- How many durations series-durations.sql would return: serve refuses a latency series over more than its limit
-- before fetching them.
SELECT count() AS durations
FROM {requests} FINAL
WHERE tcp = 0 AND duration_ms IS NOT NULL AND start_time IS NOT NULL AND {filter} AND ({raw_window})
FORMAT JSONEachRow;

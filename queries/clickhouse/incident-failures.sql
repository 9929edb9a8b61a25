-- Every 5xx in the window's raw rows, by route: their minute, status, flags, upstream host and request id, for the
-- failing hosts and sample request ids of `routelens incident` (queries/reports/incident-failures.sql over the
-- fleet), in time order, a node's lines in their order. Placeholders as in errors.sql.
-- The minute as SQLite floors it; toInt64 keeps the arithmetic in Int64 (with a literal 60000, 18.16 types x % 60000 as
-- UInt16, and adding 60000 wraps).
SELECT route, assumeNotNull(start_time) - (assumeNotNull(start_time) % toInt64(60000) + toInt64(60000)) % toInt64(60000) AS minute, status, flags, upstream_host, request_id
FROM {requests} FINAL
WHERE tcp = 0 AND status >= 500 AND status <= 599 AND start_time IS NOT NULL AND {filter} AND ({raw_window})
ORDER BY start_time, node, file, line
FORMAT JSONEachRow;

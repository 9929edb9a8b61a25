-- The first and last start time of the requests in scope (TCP records included, as in SQLite's window.sql).
SELECT count() AS requests, min(start_time) AS first_start_time, max(start_time) AS last_start_time
FROM {requests} FINAL
WHERE {scope}
FORMAT JSONEachRow;

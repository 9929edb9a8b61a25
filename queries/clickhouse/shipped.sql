-- Rows per node in ClickHouse, each line once: what status and the tests compare with SQLite.
SELECT node, count() AS requests FROM {requests} FINAL GROUP BY node ORDER BY node FORMAT JSONEachRow;

-- Exact nearest-rank percentiles of the duration by route (and target, operation), as queries/reports/latency.sql,
-- when the plan reads raw rows only: the p-th of n sorted durations is the one at position ceil(p * n / 100) =
-- (p * n + 99) / 100 (arrays count from 1). Not quantileExact(level): it takes the value at index floor(level * n),
-- one position past nearest rank whenever p * n / 100 is whole, and so would differ from the SQLite answer.
-- Placeholders as in errors.sql.
SELECT route, target_key, operation_key, requests,
       sorted[intDiv(50 * requests + 99, 100)] AS p50_ms,
       sorted[intDiv(90 * requests + 99, 100)] AS p90_ms,
       sorted[intDiv(95 * requests + 99, 100)] AS p95_ms,
       sorted[intDiv(99 * requests + 99, 100)] AS p99_ms,
       sorted[requests] AS max_ms
FROM (
    SELECT route, {target} AS target_key, {operation} AS operation_key,
           count() AS requests, arraySort(groupArray(assumeNotNull(duration_ms))) AS sorted
    FROM {requests} FINAL
    WHERE tcp = 0 AND duration_ms IS NOT NULL AND {filter} AND ({raw_window})
    GROUP BY route, target_key, operation_key
)
ORDER BY route, target_key, operation_key
FORMAT JSONEachRow;

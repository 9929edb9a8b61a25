-- Exact nearest-rank percentiles of %DURATION% by route (and target when :by_target is 1):
-- the p-th percentile of n sorted durations is the one at position ceil(p * n / 100), computed in
-- integers as (p * n + 99) / 100 so that no floating-point rounding moves it.
-- Parameters as in errors.sql.
WITH durations AS (
    SELECT route, CASE WHEN :by_target THEN target END AS target, duration_ms
    FROM request
    WHERE tcp = 0
      AND duration_ms IS NOT NULL
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route = :route)
),
ranked AS (
    SELECT route, target, duration_ms,
           ROW_NUMBER() OVER (PARTITION BY route, target ORDER BY duration_ms) AS position,
           COUNT(*) OVER (PARTITION BY route, target) AS n
    FROM durations
)
SELECT route, target, n AS requests,
       MAX(CASE WHEN position = (50 * n + 99) / 100 THEN duration_ms END) AS p50_ms,
       MAX(CASE WHEN position = (90 * n + 99) / 100 THEN duration_ms END) AS p90_ms,
       MAX(CASE WHEN position = (95 * n + 99) / 100 THEN duration_ms END) AS p95_ms,
       MAX(CASE WHEN position = (99 * n + 99) / 100 THEN duration_ms END) AS p99_ms,
       MAX(duration_ms) AS max_ms
FROM ranked
GROUP BY route, target
ORDER BY route, target;

-- Error rates by route, or by route and target when :by_target is 1.
-- HTTP requests only: TCP records have no status. error_rate is 5xx / requests.
-- Raw rows and, for minutes whose raw rows retention deleted, their per-minute rollups.
-- Parameters: :from, :to (milliseconds since the epoch, NULL for unbounded), :route (NULL for all), :by_target.
WITH scoped AS (
    SELECT route, target, 1 AS requests,
           status BETWEEN 500 AND 599 AS errors_5xx,
           status BETWEEN 400 AND 499 AS errors_4xx
    FROM request
    WHERE tcp = 0
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route = :route)
    UNION ALL
    SELECT route, NULLIF(target, ''), requests, errors_5xx, errors_4xx
    FROM request_minute
    WHERE (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT route,
       CASE WHEN :by_target THEN target END AS target,
       SUM(requests) AS requests,
       SUM(errors_5xx) AS errors_5xx,
       SUM(errors_4xx) AS errors_4xx
FROM scoped
GROUP BY 1, 2
ORDER BY 1, 2;

-- Error rates by route, or by route and target when :by_target is 1.
-- HTTP requests only: TCP records have no status. error_rate is 5xx / requests.
-- Parameters: :from, :to (milliseconds since the epoch, NULL for unbounded), :route (NULL for all), :by_target.
SELECT route,
       CASE WHEN :by_target THEN target END AS target,
       COUNT(*) AS requests,
       SUM(status BETWEEN 500 AND 599) AS errors_5xx,
       SUM(status BETWEEN 400 AND 499) AS errors_4xx
FROM request
WHERE tcp = 0
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route = :route)
GROUP BY 1, 2
ORDER BY 1, 2;

-- Error rates by route, or by route and target when :by_target is 1.
-- HTTP requests only: TCP records have no status. error_rate is 5xx / requests.
-- Raw rows, counted by label id and then named (grouping integers is cheaper than grouping text), and,
-- for minutes whose raw rows retention deleted, their per-minute rollups.
-- Parameters: :from, :to (milliseconds since the epoch, NULL for unbounded), :route (NULL for all), :by_target.
WITH counted AS (
    SELECT route_id,
           CASE WHEN :by_target THEN target_id END AS target_id,
           COUNT(*) AS requests,
           SUM(status BETWEEN 500 AND 599) AS errors_5xx,
           SUM(status BETWEEN 400 AND 499) AS errors_4xx
    FROM request
    WHERE tcp = 0
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
    GROUP BY 1, 2
),
scoped AS (
    SELECT route.text AS route, target.text AS target, requests, errors_5xx, errors_4xx
    FROM counted
    JOIN label AS route ON route.id = counted.route_id
    LEFT JOIN label AS target ON target.id = counted.target_id
    UNION ALL
    SELECT route, CASE WHEN :by_target THEN NULLIF(target, '') END, requests, errors_5xx, errors_4xx
    FROM request_minute
    WHERE (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT route, target, SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx, SUM(errors_4xx) AS errors_4xx
FROM scoped
GROUP BY 1, 2
ORDER BY 1, 2;

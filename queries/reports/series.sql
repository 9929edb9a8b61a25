-- Requests, 5xx and 4xx per interval of :interval_ms milliseconds, by route (and target with :by_target), for
-- `routelens serve`'s Grafana time series. bucket is the interval's first millisecond (a multiple of
-- :interval_ms since the epoch). Rolled-up minutes count in the interval their minute starts in.
-- Parameters as in errors.sql, plus :interval_ms (at least 1); :from and :to are required here.
WITH
-- @include scope
counted AS (
    SELECT (start_time / :interval_ms) * :interval_ms AS bucket, shape_id,
           COUNT(*) AS requests,
           SUM(status BETWEEN 500 AND 599) AS errors_5xx,
           SUM(status BETWEEN 400 AND 499) AS errors_4xx
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND start_time >= :from AND start_time < :to
    GROUP BY 1, 2
),
scoped AS (
    SELECT bucket, route.text AS route, target.text AS target, requests, errors_5xx, errors_4xx
    FROM counted
    JOIN shapes ON shapes.id = counted.shape_id
    JOIN label AS route ON route.id = shapes.route_id
    LEFT JOIN label AS target ON target.id = shapes.target_id AND :by_target
    UNION ALL
    SELECT (minute * 60000 / :interval_ms) * :interval_ms, route, CASE WHEN :by_target THEN NULLIF(target, '') END,
           requests, errors_5xx, errors_4xx
    FROM request_minute
    WHERE :health_checks = 0 AND :side IN ('outbound', 'both')
      AND minute * 60000 >= :from AND minute * 60000 < :to
      AND (:route IS NULL OR route = :route)
)
SELECT bucket, route, target, SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx, SUM(errors_4xx) AS errors_4xx
FROM scoped
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

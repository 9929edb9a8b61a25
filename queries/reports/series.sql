-- Requests, 5xx and 4xx per interval of :interval_ms milliseconds, by route (and target with :by_target), for
-- `routelens serve`'s Grafana time series. bucket is the interval's first millisecond (a multiple of
-- :interval_ms since the epoch). The plan is cut at every bucket boundary, so each rollup tile lies in one bucket.
-- Parameters as in errors.sql, plus :interval_ms (at least 1).
WITH
-- @include scope
counted AS (
    SELECT (start_time / :interval_ms) * :interval_ms AS bucket, shape_id,
           COUNT(*) AS requests,
           SUM(status BETWEEN 500 AND 599) AS errors_5xx,
           SUM(status BETWEEN 400 AND 499) AS errors_4xx
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND start_time IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY 1, 2
    UNION ALL
    SELECT (start / :interval_ms) * :interval_ms, shape_id, SUM(requests), SUM(status_5xx), SUM(status_4xx)
    FROM rollups
    WHERE start != -9223372036854775808 AND shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
    GROUP BY 1, 2
)
SELECT bucket, route.text AS route, target.text AS target, SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx,
       SUM(errors_4xx) AS errors_4xx
FROM counted
JOIN shapes ON shapes.id = counted.shape_id
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS target ON target.id = shapes.target_id AND :by_target
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

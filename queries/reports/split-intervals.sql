-- Requests per interval of :interval_ms milliseconds, route and attributed target: the daily report's drift over
-- the day. Raw rows only, HTTP requests with a target. Parameters as in errors.sql, and :interval_ms.
WITH
-- @include scope
counted AS (
    SELECT start_time / :interval_ms * :interval_ms AS interval_start, shape_id, COUNT(*) AS requests
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0 AND target_id IS NOT NULL)
      AND start_time IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY 1, shape_id
)
SELECT interval_start, route.text AS route, target.text AS target, SUM(requests) AS requests
FROM counted
JOIN shapes ON shapes.id = counted.shape_id
JOIN label AS route ON route.id = shapes.route_id
JOIN label AS target ON target.id = shapes.target_id
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

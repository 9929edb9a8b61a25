-- HTTP requests and 5xx per route and minute, from raw rows: for counting incidents in a day (routelens incident has
-- the minute-by-minute view). Parameters as in errors.sql.
WITH
-- @include scope
counted AS (
    SELECT start_time / 60000 AS minute, shape_id, COUNT(*) AS requests, SUM(status BETWEEN 500 AND 599) AS errors_5xx
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND start_time IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY 1, shape_id
),
scoped AS (
    SELECT minute, route.text AS route, requests, errors_5xx
    FROM counted
    JOIN shapes ON shapes.id = counted.shape_id
    JOIN label AS route ON route.id = shapes.route_id
)
SELECT route, minute, SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx
FROM scoped
GROUP BY route, minute
ORDER BY route, minute;

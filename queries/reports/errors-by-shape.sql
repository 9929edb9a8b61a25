-- Requests, 5xx and 4xx by route and response flags and details (what a shape holds), from raw rows and
-- rollups as planned: `query errors --by flag|details`. Parameters as in errors.sql.
WITH
-- @include scope
counted AS (
    SELECT shape_id, COUNT(*) AS requests, SUM(status BETWEEN 500 AND 599) AS errors_5xx, SUM(status BETWEEN 400 AND 499) AS errors_4xx
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY shape_id
    UNION ALL
    SELECT shape_id, SUM(requests), SUM(status_5xx), SUM(status_4xx) FROM rollups GROUP BY shape_id
)
SELECT route.text AS route, flags.text AS flags, details.text AS details, shapes.local_reply,
       SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx, SUM(errors_4xx) AS errors_4xx
FROM counted
JOIN shapes ON shapes.id = counted.shape_id AND shapes.tcp = 0
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS flags ON flags.id = shapes.flags_id
LEFT JOIN label AS details ON details.id = shapes.details_id
GROUP BY 1, 2, 3, 4;

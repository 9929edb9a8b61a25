-- Failed requests (5xx, 429, or any response flag) per route, target, status and response flags: the daily
-- report's top failure classes ("503 UF"). Raw rows only. Parameters as in errors.sql (:by_target unused: always
-- by target).
WITH
-- @include scope
counted AS (
    SELECT shape_id, status, COUNT(*) AS requests
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY shape_id, status
)
SELECT route.text AS route, target.text AS target, counted.status, flags.text AS flags, SUM(requests) AS requests
FROM counted
JOIN request_shape AS shape ON shape.id = counted.shape_id
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
LEFT JOIN label AS flags ON flags.id = shape.flags_id
WHERE counted.status >= 500 OR counted.status = 429 OR flags.text IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY requests DESC, 1, 2, 3, 4;

-- HTTP requests in the window by class, whatever the scope's class and side: for a report to say what it
-- left out. Parameters as in errors.sql (only the ranges and :route are used).
WITH
-- @include scope
every_shape AS (
    SELECT id FROM request_shape
    WHERE tcp = 0 AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
),
counted AS (
    SELECT shape_id, COUNT(*) AS requests
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY shape_id
    UNION ALL
    SELECT rollup.shape_id, SUM(rollup.requests)
    FROM tiles CROSS JOIN request_rollup AS rollup
        ON rollup.period = tiles.period AND rollup.start >= tiles.tile_from AND rollup.start < tiles.tile_to
    WHERE rollup.shape_id IN (SELECT id FROM every_shape)
    GROUP BY rollup.shape_id
    UNION ALL
    SELECT shape_id, SUM(requests) FROM request_rollup
    WHERE :untimed AND period = 60000 AND start = -9223372036854775808 AND shape_id IN (SELECT id FROM every_shape)
    GROUP BY shape_id
)
SELECT shape.health_check, shape.inbound, SUM(requests) AS requests
FROM counted
JOIN request_shape AS shape ON shape.id = counted.shape_id
WHERE shape.id IN (SELECT id FROM every_shape)
GROUP BY shape.health_check, shape.inbound;

-- Every raw duration in scope, by route (and target, operation): merged into the histograms of routes
-- that also have rolled-up minutes. Parameters as in errors.sql.
WITH blocks AS (
    -- The id ranges whose requests started in the window: the block range index (see request_block).
    SELECT first_id, last_id FROM request_block
    WHERE (:from IS NULL OR max_time >= :from) AND (:to IS NULL OR min_time < :to)
)
SELECT route.text AS route, CASE WHEN :by_target THEN target.text END AS target,
       CASE WHEN :by_operation THEN operation.text END AS operation, duration_ms
FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
-- CROSS JOINs keep this order: blocks, their rows, each row's shape.
CROSS JOIN request_shape AS shape ON shape.id = request.shape_id
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
LEFT JOIN label AS operation ON operation.id = shape.operation_id
WHERE shape.tcp = 0
  AND shape.health_check = :health_checks
  AND (:side = 'both' OR shape.inbound = (:side = 'inbound'))
  AND duration_ms IS NOT NULL
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route.text = :route);

-- Every raw duration in scope, by route (and target, operation): recorded into the histograms of the rollups
-- when the plan reads both. Parameters as in errors.sql.
WITH
-- @include scope
durations AS (
    SELECT shape.route_id, CASE WHEN :by_target THEN shape.target_id END AS target_id,
           CASE WHEN :by_operation THEN shape.operation_id END AS operation_id, duration_ms
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    -- CROSS JOINs keep this order: blocks, their rows, each row's shape.
    CROSS JOIN shapes AS shape ON shape.id = request.shape_id
    WHERE shape.tcp = 0
      AND duration_ms IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
)
SELECT route.text AS route, target.text AS target, operation.text AS operation, duration_ms
FROM durations
JOIN label AS route ON route.id = durations.route_id
LEFT JOIN label AS target ON target.id = durations.target_id
LEFT JOIN label AS operation ON operation.id = durations.operation_id;

-- Every duration in the raw ranges, by route, target (:by_target) and operation (:by_operation) label id:
-- the report sorts each group and reads the nearest-rank percentiles off it (position ceil(p * n / 100)).
-- Sorting in the report beats SQLite's window functions on 2M rows by 4-5x. Parameters as in errors.sql.
WITH
-- @include scope
durations AS (
    SELECT shapes.route_id, CASE WHEN :by_target THEN shapes.target_id END AS target_id,
           CASE WHEN :by_operation THEN shapes.operation_id END AS operation_id, duration_ms
    -- CROSS JOINs keep this order: blocks, their rows, each row's shape.
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    CROSS JOIN shapes ON shapes.id = request.shape_id
    WHERE shapes.tcp = 0
      AND duration_ms IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
)
SELECT route_id, target_id, operation_id, duration_ms FROM durations;

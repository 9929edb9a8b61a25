-- The first and last request start times in the window, to report what a window actually covered;
-- a rolled-up minute counts from its first millisecond. Parameters as in errors.sql (:by_target and
-- :by_operation unused).
WITH
-- @include scope
scoped AS (
    SELECT start_time AS time
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes)
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
    UNION ALL
    SELECT minute * 60000
    FROM request_minute
    WHERE :health_checks = 0 AND :side IN ('outbound', 'both')
      AND (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT MIN(time) AS first_start_time, MAX(time) AS last_start_time FROM scoped;

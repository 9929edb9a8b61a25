-- The first and last request start times in the window, to report what a window actually covered;
-- a rolled-up minute counts from its first millisecond. Parameters as in errors.sql (:by_target unused).
WITH scoped AS (
    SELECT start_time AS time
    FROM request
    WHERE (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
    UNION ALL
    SELECT minute * 60000
    FROM request_minute
    WHERE (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT MIN(time) AS first_start_time, MAX(time) AS last_start_time FROM scoped;

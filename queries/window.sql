-- The first and last request start times in the window, to report what a window actually covered.
-- Parameters as in errors.sql (:by_target is not used).
SELECT MIN(start_time) AS first_start_time, MAX(start_time) AS last_start_time
FROM request
WHERE (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route));

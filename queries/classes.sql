-- HTTP requests in the window by class, whatever the scope's class and side: for a report to say what it
-- left out. Parameters as in errors.sql (only :from, :to and :route are used).
SELECT shape.health_check, shape.inbound, COUNT(*) AS requests
FROM request
JOIN request_shape AS shape ON shape.id = request.shape_id
WHERE shape.tcp = 0
  AND (:route IS NULL OR shape.route_id = (SELECT id FROM label WHERE text = :route))
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
GROUP BY shape.health_check, shape.inbound;

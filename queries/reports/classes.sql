-- HTTP requests in the window by class, whatever the scope's class and side: for a report to say what it
-- left out. Parameters as in errors.sql (only :from, :to and :route are used).
WITH
-- @include scope
counted AS (
    SELECT shape_id, COUNT(*) AS requests
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
    GROUP BY shape_id
)
SELECT shape.health_check, shape.inbound, SUM(requests) AS requests
FROM counted
JOIN request_shape AS shape ON shape.id = counted.shape_id
WHERE shape.tcp = 0
  AND (:route IS NULL OR shape.route_id = (SELECT id FROM label WHERE text = :route))
GROUP BY shape.health_check, shape.inbound;

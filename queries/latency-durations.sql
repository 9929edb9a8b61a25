-- Every raw duration in scope, by route (and target, operation): merged into the histograms of routes
-- that also have rolled-up minutes. Parameters as in errors.sql.
SELECT route.text AS route, CASE WHEN :by_target THEN target.text END AS target,
       CASE WHEN :by_operation THEN operation.text END AS operation, duration_ms
FROM request
JOIN request_shape AS shape ON shape.id = request.shape_id
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

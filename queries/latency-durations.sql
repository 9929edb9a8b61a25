-- Every raw duration in scope, by route (and target when :by_target is 1): merged into the histograms
-- of routes that also have rolled-up minutes. Parameters as in errors.sql.
SELECT route.text AS route, CASE WHEN :by_target THEN target.text END AS target, duration_ms
FROM request
JOIN label AS route ON route.id = request.route_id
LEFT JOIN label AS target ON target.id = request.target_id
WHERE tcp = 0
  AND duration_ms IS NOT NULL
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route.text = :route);

-- Every raw duration in scope, by route (and target when :by_target is 1): merged into the histograms
-- of routes that also have rolled-up minutes. Parameters as in errors.sql.
SELECT route, CASE WHEN :by_target THEN target END AS target, duration_ms
FROM request
WHERE tcp = 0
  AND duration_ms IS NOT NULL
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route = :route);

-- Duration histograms of the minutes whose raw rows retention deleted, by route (and target with
-- :by_target; rolled-up minutes have no operation). Where a route has any, its percentiles come from
-- histograms: approximate, within 1.6%. Rollups hold only what the reports count by default.
-- Parameters as in errors.sql.
SELECT route, CASE WHEN :by_target THEN NULLIF(target, '') END AS target, NULL AS operation, durations
FROM request_minute
WHERE :health_checks = 0 AND :side IN ('outbound', 'both')
  AND (:from IS NULL OR minute * 60000 >= :from)
  AND (:to IS NULL OR minute * 60000 < :to)
  AND (:route IS NULL OR route = :route);

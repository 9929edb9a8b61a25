-- Duration histograms of the minutes whose raw rows retention deleted, by route (and target when
-- :by_target is 1). Where a route has any, its percentiles come from histograms: approximate, within 1.6%.
-- Parameters as in errors.sql.
SELECT route, CASE WHEN :by_target THEN NULLIF(target, '') END AS target, durations
FROM request_minute
WHERE (:from IS NULL OR minute * 60000 >= :from)
  AND (:to IS NULL OR minute * 60000 < :to)
  AND (:route IS NULL OR route = :route);

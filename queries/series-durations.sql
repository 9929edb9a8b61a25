-- Every raw duration in the window with its interval of :interval_ms milliseconds, by route (and target with
-- :by_target), for `routelens serve`'s Grafana latency series (exact nearest-rank per interval). Rolled-up
-- minutes have no raw durations and are left out. Parameters as in series.sql.
WITH blocks AS (
    SELECT first_id, last_id FROM request_block
    WHERE max_time >= :from AND min_time < :to
)
SELECT (start_time / :interval_ms) * :interval_ms AS bucket, route.text AS route,
       CASE WHEN :by_target THEN target.text END AS target, duration_ms
FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
CROSS JOIN request_shape AS shape ON shape.id = request.shape_id
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
WHERE shape.tcp = 0
  AND shape.health_check = :health_checks
  AND (:side = 'both' OR shape.inbound = (:side = 'inbound'))
  AND duration_ms IS NOT NULL
  AND start_time >= :from AND start_time < :to
  AND (:route IS NULL OR route.text = :route);

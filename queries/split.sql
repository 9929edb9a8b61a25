-- Requests per route and attributed target, for the weighted-split test. Requests that reached no
-- upstream (no target: NR, UH, local replies) count against the route, not a target, and are left out.
-- Raw rows counted per shape and then named, plus the per-minute rollups of deleted ones.
-- Parameters as in errors.sql (:by_target and :by_operation are not used).
WITH shapes AS (
    SELECT id, route_id, target_id
    FROM request_shape
    WHERE tcp = 0
      AND target_id IS NOT NULL
      AND health_check = :health_checks
      AND (:side = 'both' OR inbound = (:side = 'inbound'))
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
),
counted AS (
    SELECT shape_id, COUNT(*) AS requests
    FROM request
    WHERE shape_id IN (SELECT id FROM shapes)
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
    GROUP BY shape_id
),
scoped AS (
    SELECT route.text AS route, target.text AS target, requests
    FROM counted
    JOIN shapes ON shapes.id = counted.shape_id
    JOIN label AS route ON route.id = shapes.route_id
    JOIN label AS target ON target.id = shapes.target_id
    UNION ALL
    SELECT route, target, requests
    FROM request_minute
    WHERE target != ''
      AND :health_checks = 0 AND :side = 'outbound'
      AND (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT route, target, SUM(requests) AS requests
FROM scoped
GROUP BY route, target
ORDER BY route, target;
